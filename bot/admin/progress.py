"""Progress for districts: how many sellers reached each stage, in total and per district."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.admin import access, stats
from bot.admin.staff import Role


@dataclass(frozen=True)
class Progress:
    district: str  # a code, or access.ALL
    funnels: dict[str, list[stats.StageCount]]  # per district code
    total: list[stats.StageCount]  # all of them together, stage by stage

    @property
    def joined(self) -> int:
        return self.total[0].total


async def progress(session: Any, role: Role | None, district: str) -> Progress:
    """The funnel of one district, or of all the staff member's (``access.ALL``)."""
    role = access.require(role, district)
    funnels = await stats.funnel(session, access.scope(role, district))
    return Progress(district, funnels, stats.combined(funnels))
