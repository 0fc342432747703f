"""Figures the bot's texts state (``data/stated_facts.csv``): each with its source,
confidence and as-of date.

A text names a figure by placeholder ("₹{tm_fee_small}", "{claim_window} days": the unit
stays in the text, so it is translated) and ``fill`` puts the data row's number in, so a changed
fee is one edit in the data file, and ``seller-bot facts`` can list
the figures to re-check. A placeholder the file does not know is left as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bot.i18n import format_day, format_month
from bot.reference.districts import DATA_DIR
from bot.reference.rows import ReferenceDataError, read_csv_rows

STATED_CSV = DATA_DIR / "stated_facts.csv"
COLUMNS = ("key", "value", "unit", "confidence", "source", "as_of")
_KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_AS_OF_RE = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")
_PLACEHOLDER_RE = re.compile(r"\{([a-z][a-z0-9_]*)\}")


@dataclass(frozen=True)
class StatedFact:
    key: str
    value: str  # the number as the bot writes it: "4,500", "7"
    unit: str  # what the text around the placeholder says: ₹, days, cm (for the operator);
    # "date" (value YYYY-MM-DD) and "month" (value 1-12) are written in the reader's language
    confidence: str
    source: str
    as_of: str


def load(path: Path = STATED_CSV) -> dict[str, StatedFact]:
    out: dict[str, StatedFact] = {}
    for line, row in read_csv_rows(path, COLUMNS):
        where = f"{path.name} line {line}"
        if not _KEY_RE.match(row["key"]) or row["key"] in out:
            raise ReferenceDataError(f"{where}: key {row['key']!r} is not a new slug")
        if row["confidence"] not in ("C", "L", "U"):
            raise ReferenceDataError(f"{where}: confidence must be C/L/U")
        if not _AS_OF_RE.match(row["as_of"]):
            raise ReferenceDataError(f"{where}: as_of must be YYYY-MM[-DD]")
        if row["unit"] == "date" and not re.match(r"^\d{4}-\d{2}-\d{2}$", row["value"]):
            raise ReferenceDataError(f"{where}: a date is YYYY-MM-DD")
        if row["unit"] == "month" and row["value"] not in {str(m) for m in range(1, 13)}:
            raise ReferenceDataError(f"{where}: a month is 1-12")
        out[row["key"]] = StatedFact(**row)
    return out


@cache
def facts() -> dict[str, StatedFact]:
    return load()


def written(fact: StatedFact) -> str:
    """The figure as the reader reads it: dates and months in the current language."""
    if fact.unit == "date":
        return format_day(fact.value)
    if fact.unit == "month":
        return format_month(int(fact.value))
    return fact.value


def fill(text: str) -> str:
    """``text`` with every known ``{key}`` replaced by its figure."""
    known = facts()
    return _PLACEHOLDER_RE.sub(
        lambda m: written(known[m.group(1)]) if m.group(1) in known else m.group(0), text)
