"""The HSN of a textile by its fibre (``data/fibres.csv``, ``data/textile_hsn.csv``).

The tariff splits textiles by fibre: a georgette kurta (man-made fibre) is not under the
cotton code (issue 18 item 4). ``fibres.csv`` says which fibre a material word names;
``textile_hsn.csv`` gives, per textile category and fibre, the HSN with its source,
confidence and as-of date. A material naming no known fibre, or two (silk georgette), keeps
the category's own code; the draft then asks the seller to check it when it is not
confirmed. Most 8-digit codes here are U (my reading of the Customs Tariff): the draft says
"check the HSN with your CA or facilitator" for every U code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from bot.reference.districts import DATA_DIR
from bot.reference.rows import ReferenceDataError, read_csv_rows

FIBRES_CSV = DATA_DIR / "fibres.csv"
TEXTILE_HSN_CSV = DATA_DIR / "textile_hsn.csv"

FIBRES = ("silk", "cotton", "man_made", "wool")
FIBRE_COLUMNS = ("material", "fibre", "confidence", "source", "as_of")
HSN_COLUMNS = ("category_key", "fibre", "hsn", "hsn8", "confidence", "source", "as_of")
_CONFIDENCE = frozenset({"C", "L", "U"})
_AS_OF_RE = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")
_HSN8_RE = re.compile(r"^\d{8}$")
_WORD_RE = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class TextileHsn:
    category_key: str
    fibre: str
    hsn: str  # heading shown to sellers
    hsn8: str  # the 8-digit tariff item sent to marketplaces
    confidence: str
    source: str
    as_of: str


def _check(path: Path, line: int, row: dict[str, str]) -> None:
    if row["fibre"] not in FIBRES:
        raise ReferenceDataError(f"{path.name} line {line}: fibre {row['fibre']!r} is not "
                                 f"one of {', '.join(FIBRES)}")
    if row["confidence"] not in _CONFIDENCE:
        raise ReferenceDataError(f"{path.name} line {line}: confidence must be C/L/U")
    if not _AS_OF_RE.match(row["as_of"]):
        raise ReferenceDataError(f"{path.name} line {line}: as_of must be YYYY-MM[-DD]")


def load_fibres(path: Path = FIBRES_CSV) -> dict[str, str]:
    """Material word (lower case, as in the glossary's English) -> fibre."""
    out: dict[str, str] = {}
    for line, row in read_csv_rows(path, FIBRE_COLUMNS):
        _check(path, line, row)
        out[row["material"].lower()] = row["fibre"]
    return out


def load_hsn(path: Path = TEXTILE_HSN_CSV) -> dict[tuple[str, str], TextileHsn]:
    out: dict[tuple[str, str], TextileHsn] = {}
    for line, row in read_csv_rows(path, HSN_COLUMNS):
        _check(path, line, row)
        if not _HSN8_RE.match(row["hsn8"]) or not row["hsn8"].startswith(row["hsn"]):
            raise ReferenceDataError(f"{path.name} line {line}: hsn8 {row['hsn8']!r} must be "
                                     f"8 digits under {row['hsn']!r}")
        key = (row["category_key"], row["fibre"])
        if key in out:
            raise ReferenceDataError(f"{path.name} line {line}: duplicate {key!r}")
        out[key] = TextileHsn(**row)
    return out


@cache
def _fibres() -> dict[str, str]:
    return load_fibres()


@cache
def _hsn() -> dict[tuple[str, str], TextileHsn]:
    return load_hsn()


@lru_cache(maxsize=1024)  # a seller's material words repeat across her products
def fibre_of(material_en: str) -> str | None:
    """The one fibre the material names ("Pink Georgette" -> man_made), or None when it
    names none or several (silk georgette: a blend the seller must classify)."""
    text = (material_en or "").lower()
    words = _WORD_RE.findall(text)
    found = set()
    for material, fibre in _fibres().items():
        parts = material.split()
        if any(words[i:i + len(parts)] == parts for i in range(len(words))):
            found.add(fibre)
    return found.pop() if len(found) == 1 else None


def hsn_for(category_key: str, material_en: str) -> TextileHsn | None:
    """The fibre's HSN row for a textile category, or None (not split by fibre here, or
    the fibre is unknown or mixed)."""
    fibre = fibre_of(material_en)
    return _hsn().get((category_key, fibre)) if fibre else None


def split_categories() -> frozenset[str]:
    """Categories that have a fibre split."""
    return frozenset(key for key, _fibre in _hsn())


def rows() -> tuple[TextileHsn, ...]:
    return tuple(_hsn().values())
