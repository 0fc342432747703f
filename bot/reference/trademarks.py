"""The Nice class for a trade mark application, by product category
(``data/nice_classes.csv``, each row with its source, confidence and as-of date).

A wrong class wastes the fee, so a category with no row gets "ask your facilitator", and a
U row is shown as "not confirmed". L rows follow the domain facts §7 list of typical
classes; U rows are my reading of the Nice list, not found in the domain files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bot.reference import categories
from bot.reference.districts import DATA_DIR
from bot.reference.rows import ReferenceDataError, read_csv_rows

NICE_CSV = DATA_DIR / "nice_classes.csv"
COLUMNS = ("category_key", "nice_class", "confidence", "source", "as_of")
_AS_OF_RE = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")


@dataclass(frozen=True)
class NiceClass:
    category_key: str
    number: int  # 1-45
    confidence: str  # C | L | U
    source: str
    as_of: str


def load(path: Path = NICE_CSV) -> dict[str, NiceClass]:
    out: dict[str, NiceClass] = {}
    for line, row in read_csv_rows(path, COLUMNS):
        where = f"{path.name} line {line}"
        key = row["category_key"]
        if categories.category(key) is None:
            raise ReferenceDataError(f"{where}: unknown category {key!r}")
        if key in out:
            raise ReferenceDataError(f"{where}: duplicate {key!r}")
        if not row["nice_class"].isdigit() or not 1 <= int(row["nice_class"]) <= 45:
            raise ReferenceDataError(f"{where}: nice_class must be 1-45")
        if row["confidence"] not in ("C", "L", "U"):
            raise ReferenceDataError(f"{where}: confidence must be C/L/U")
        if not _AS_OF_RE.match(row["as_of"]):
            raise ReferenceDataError(f"{where}: as_of must be YYYY-MM[-DD]")
        out[key] = NiceClass(key, int(row["nice_class"]), row["confidence"], row["source"],
                             row["as_of"])
    return out


@cache
def _default() -> dict[str, NiceClass]:
    return load()


def nice_class(category_key: str | None) -> NiceClass | None:
    return _default().get(category_key or "")


def rows() -> tuple[NiceClass, ...]:
    return tuple(_default().values())
