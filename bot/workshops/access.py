"""Which workshops a staff member may see and which they may run (pure rules).

``role`` is what ``Turn.staff()`` returns: None (not staff), or an object with ``.operator``
and ``.districts`` (the staff table's owner, ``bot.admin.staff``, makes it; this slice sits
below ``admin`` and never imports it).

- **Operators** (ADMIN_IDS) see and run every workshop, "all districts" ones included.
- **A facilitator runs** (edits, moves, announces, cancels) a workshop only when every one
  of its districts is theirs. Editing, moving and cancelling message every seller who
  answered, and announcing reaches every seller of its districts: a facilitator must not
  be able to move or cancel another district's sellers' workshop, nor message them. So an
  "all districts" workshop is run by operators only, and so is a new one for "all".
- **A facilitator sees** a workshop that names at least one of their districts (or all
  districts): its staff card read-only, the answers of *their districts'* sellers only,
  marking those sellers present at the door, and its poster (a public link to an announced
  workshop, already allowed by ``admin.posters_screens.workshop_poster``). An Agra facilitator at an
  Agra+Firozabad workshop checks in the Agra sellers; the Firozabad sellers' names and
  answers stay with Firozabad's staff.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bot.workshops import workshops as store


def _codes(workshop: dict[str, Any]) -> set[str]:
    return set(workshop["districts"])


def runs(role: Any, workshop: dict[str, Any]) -> bool:
    """May this staff member edit, move, announce and cancel it?"""
    return may_plan_for(role, workshop["districts"])


def may_plan_for(role: Any, districts: Iterable[str]) -> bool:
    """May this staff member plan a workshop for these district codes ("*": all)?"""
    if role is None:
        return False
    if role.operator:
        return True
    codes = set(districts)
    return bool(codes) and store.ALL_DISTRICTS not in codes and codes <= role.districts


def sees(role: Any, workshop: dict[str, Any]) -> bool:
    """May this staff member open its staff card, its answers (of their sellers) and its
    poster?"""
    if role is None:
        return False
    if role.operator or store.for_everyone(workshop):
        return True
    return bool(_codes(workshop) & role.districts)


def sees_seller(role: Any, district_code: str | None) -> bool:
    """May this staff member see (and mark present) a seller of this district?"""
    return role is not None and (role.operator or district_code in role.districts)
