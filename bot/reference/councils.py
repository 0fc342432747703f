"""Which export promotion council issues a seller's RCMC (``export_councils.csv``).

Handicrafts go to EPCH unless the craft has its own council (leather, silk, garments,
sports goods, spices, farm and food products); each mapping carries its source, as-of date
and confidence, and U rows are shown with "check with the council".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bot.reference import districts as reference
from bot.reference.rows import ReferenceDataError, read_csv_rows

COUNCILS_CSV = reference.DATA_DIR / "export_councils.csv"
COLUMNS = ("craft_key", "councils", "source", "as_of", "confidence")
# Council codes the bot knows how to name (bot/steps/texts.py has their words).
CODES = ("EPCH", "CEPC", "HEPC", "ISEPC", "CLE", "AEPC", "SGEPC", "SPICES", "APEDA")
DEFAULT = "EPCH"  # Export Promotion Council for Handicrafts (facts.md §6)


@dataclass(frozen=True)
class CouncilAdvice:
    councils: tuple[str, ...]
    confidence: str
    source: str


def load_councils(path: Path = COUNCILS_CSV) -> dict[str, CouncilAdvice]:
    result: dict[str, CouncilAdvice] = {}
    for line, row in read_csv_rows(path, COLUMNS):
        craft, codes = row["craft_key"], tuple(row["councils"].split(";"))
        problem = (
            "unknown craft_key" if reference.craft(craft) is None
            else f"unknown council in {row['councils']!r}" if set(codes) - set(CODES)
            else "confidence must be C, L or U" if row["confidence"] not in ("C", "L", "U")
            else "duplicate craft_key" if craft in result else "")
        if problem:
            raise ReferenceDataError(f"{path.name} line {line}: {problem}")
        result[craft] = CouncilAdvice(codes, row["confidence"], row["source"])
    return result


@cache
def _councils() -> dict[str, CouncilAdvice]:
    return load_councils()


def councils_for(craft_key: str | None) -> CouncilAdvice:
    """The council(s) for a craft; handicrafts (and unknown crafts) go to EPCH."""
    return _councils().get(craft_key or "", CouncilAdvice((DEFAULT,), "L", "facts.md §6"))
