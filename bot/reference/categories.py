"""Product categories (``bot/data/categories.csv``): what a listing is, with HSN and GST.

A seller's craft (``crafts.csv``) is broad: "Glassware" covers GST-free bangles, 5 % art
ware and 18 % tableware. A listing therefore picks a product category, which carries the
HSN code, the GST rate (GST 2.0, from 22 Sep 2025, per the domain facts §5), the Legal
Metrology generic name, how its size is given and packaging traits.

Like ``bot.reference``, the CSV is read once per process and checked strictly, so a bad
edit fails at start-up naming the file and line.

Rates are suggestions with a confidence mark (C confirmed, L likely, U unconfirmed):
the bot must show U rates as "please verify". An empty HSN is allowed only on a U row
(the catch-all "Other handmade article", where no code can honestly be guessed).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from bot.reference import districts as reference
from bot.reference.districts import ReferenceDataError, read_csv_rows

CATEGORIES_CSV = reference.DATA_DIR / "categories.csv"

COLUMNS = (
    "key", "craft_key", "name_en", "name_hi", "generic_name_en", "hsn", "gst_percent",
    "gst_percent_above", "gst_threshold", "size_kind", "unit", "traits", "confidence", "source",
)
_OPTIONAL = frozenset({"hsn", "gst_percent_above", "gst_threshold", "traits"})

# length: fabric and suit pieces, sold by the metre (not length × width × height).
SIZE_KINDS = frozenset({"dims", "garment", "saree", "length", "volume", "weight"})
UNITS = frozenset({"piece", "pair", "set", "ml", "g"})
TRAITS = frozenset(
    {"fragile", "textile", "liquid", "flammable", "wood", "metal", "food", "leather"}
)
# GST 2.0 slabs. 12 % and 28 % are gone, so an old rate copied from a 2024 table fails here.
GST_RATES = frozenset(Decimal(r) for r in ("0", "0.25", "3", "5", "18", "40"))
NAME_MAX = 28  # Telegram button text that still fits on a phone

_KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_HSN_RE = re.compile(r"^(?:\d{4}|\d{6}|\d{8})$")  # heading, sub-heading or tariff item
_CONFIDENCE = frozenset({"C", "L", "U"})


def _is_hindi(locale: str) -> bool:
    return locale.lower().replace("_", "-").split("-")[0] == "hi"


def _has_devanagari(text: str) -> bool:
    return any("\u0900" <= ch <= "\u097f" for ch in text)


@dataclass(frozen=True)
class Category:
    key: str
    craft_key: str
    name_en: str
    name_hi: str
    generic_name_en: str  # Legal Metrology "common or generic name of the commodity"
    hsn: str  # 4, 6 or 8 digits; "" only on a U row
    gst_percent: Decimal
    gst_percent_above: Decimal | None  # rate when the unit price exceeds gst_threshold
    gst_threshold: Decimal | None  # ₹ per piece/pair
    size_kind: str  # dims | garment | saree | length | volume | weight
    unit: str  # piece | pair | set | ml | g
    traits: frozenset[str]
    confidence: str  # C | L | U
    source: str

    def name(self, locale: str) -> str:
        return self.name_hi if _is_hindi(locale) else self.name_en

    @property
    def price_dependent(self) -> bool:
        return self.gst_threshold is not None


@dataclass(frozen=True)
class GstSuggestion:
    hsn: str
    percent: Decimal
    confidence: str
    source: str
    price_dependent: bool


# ------------------------------------------------------------------------ loading


def _fail(path: Path, line: int, message: str) -> ReferenceDataError:
    return ReferenceDataError(f"{path.name} line {line}: {message}")


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    return read_csv_rows(path, COLUMNS, _OPTIONAL)


def _percent(path: Path, line: int, column: str, value: str) -> Decimal:
    try:
        percent = Decimal(value)
    except InvalidOperation:
        raise _fail(path, line, f"{column} {value!r} is not a number") from None
    if percent not in GST_RATES:
        rates = ", ".join(str(r) for r in sorted(GST_RATES))
        raise _fail(path, line, f"{column} {value!r} is not a GST 2.0 rate ({rates})")
    return percent


def _threshold(path: Path, line: int, row: dict[str, str]) -> tuple[Decimal | None, Decimal | None]:
    above, limit = row["gst_percent_above"], row["gst_threshold"]
    if not above and not limit:
        return None, None
    if not (above and limit):
        raise _fail(
            path, line, "gst_percent_above and gst_threshold go together: give both or neither"
        )
    percent = _percent(path, line, "gst_percent_above", above)
    try:
        threshold = Decimal(limit)
    except InvalidOperation:
        raise _fail(path, line, f"gst_threshold {limit!r} is not a number") from None
    if not threshold.is_finite() or threshold <= 0:
        raise _fail(path, line, f"gst_threshold {limit!r} must be a positive amount")
    return percent, threshold


def _traits(path: Path, line: int, value: str) -> frozenset[str]:
    traits = frozenset(t.strip() for t in value.split(";") if t.strip())
    unknown = sorted(traits - TRAITS)
    if unknown:
        allowed = ";".join(sorted(TRAITS))
        raise _fail(path, line, f"unknown trait(s) {', '.join(unknown)}; use {allowed}")
    return traits


def _check_size(path: Path, line: int, size_kind: str, unit: str) -> None:
    if size_kind not in SIZE_KINDS:
        allowed = ", ".join(sorted(SIZE_KINDS))
        raise _fail(path, line, f"unknown size_kind {size_kind!r}; use {allowed}")
    if unit not in UNITS:
        raise _fail(path, line, f"unknown unit {unit!r}; use {', '.join(sorted(UNITS))}")
    # Net quantity must be declared in the unit the size is measured in (Legal Metrology).
    if (size_kind == "volume") != (unit == "ml"):
        raise _fail(path, line, "size_kind volume goes with unit ml, and only with it")
    if unit == "g" and size_kind != "weight":
        raise _fail(path, line, "unit g needs size_kind weight")


def _check_names(path: Path, line: int, row: dict[str, str]) -> None:
    for column in ("name_en", "name_hi"):
        if len(row[column]) > NAME_MAX:
            raise _fail(path, line, f"{column} {row[column]!r} is over {NAME_MAX} characters")
    if not _has_devanagari(row["name_hi"]):
        raise _fail(path, line, f"name_hi {row['name_hi']!r} is not in Devanagari")


def load_categories(
    path: Path = CATEGORIES_CSV, craft_keys: Iterable[str] | None = None
) -> tuple[Category, ...]:
    """Read and check the categories file; craft keys default to ``crafts.csv``."""
    known = set(craft_keys) if craft_keys is not None else None
    seen: set[str] = set()
    result: list[Category] = []
    for line, row in _rows(path):
        key, craft_key = row["key"], row["craft_key"]
        if not _KEY_RE.match(key):
            raise _fail(path, line, f"{key!r} is not a lowercase ascii slug")
        if key in seen:
            raise _fail(path, line, f"duplicate key {key!r}")
        if known is not None:
            craft_known = craft_key in known
        else:
            craft_known = reference.craft(craft_key) is not None
        if not craft_known:
            raise _fail(path, line, f"unknown craft_key {craft_key!r}")
        _check_names(path, line, row)
        if row["confidence"] not in _CONFIDENCE:
            raise _fail(path, line, f"confidence must be one of C/L/U, got {row['confidence']!r}")
        hsn = row["hsn"]
        if hsn and not _HSN_RE.match(hsn):
            raise _fail(path, line, f"hsn {hsn!r} must be 4, 6 or 8 digits")
        if not hsn and row["confidence"] != "U":
            raise _fail(path, line, "empty hsn is allowed only with confidence U")
        percent = _percent(path, line, "gst_percent", row["gst_percent"])
        above, threshold = _threshold(path, line, row)
        _check_size(path, line, row["size_kind"], row["unit"])
        seen.add(key)
        result.append(
            Category(
                key=key, craft_key=craft_key, name_en=row["name_en"], name_hi=row["name_hi"],
                generic_name_en=row["generic_name_en"], hsn=hsn, gst_percent=percent,
                gst_percent_above=above, gst_threshold=threshold, size_kind=row["size_kind"],
                unit=row["unit"], traits=_traits(path, line, row["traits"]),
                confidence=row["confidence"], source=row["source"],
            )
        )
    return tuple(result)


@cache
def _index() -> tuple[tuple[Category, ...], dict[str, Category]]:
    loaded = load_categories()
    return loaded, {c.key: c for c in loaded}


# ------------------------------------------------------------------------ queries


def categories() -> tuple[Category, ...]:
    """All categories in file order."""
    return _index()[0]


def category(key: str) -> Category | None:
    return _index()[1].get(key)


def for_craft(craft_key: str | None) -> tuple[Category, ...]:
    """The craft's own categories first, then every other one; each once, in file order."""
    everything = categories()
    own = tuple(c for c in everything if c.craft_key == craft_key)
    return own + tuple(c for c in everything if c.craft_key != craft_key)


def gst_for(category: Category, unit_price: Decimal) -> GstSuggestion:
    """The GST suggestion for one piece/pair sold at ``unit_price`` rupees.

    ``unit_price`` is the sale (taxable) value per piece or pair, i.e. before GST, which
    is what the ₹2,500 rule looks at. For price-dependent categories (garments, footwear,
    made-up textiles) the higher rate applies only strictly above the threshold:
    ₹2,500 itself is 5 %, ₹2,501 is 18 %.
    """
    percent = category.gst_percent
    if (
        category.gst_threshold is not None
        and category.gst_percent_above is not None
        and Decimal(unit_price) > category.gst_threshold
    ):
        percent = category.gst_percent_above
    return GstSuggestion(
        hsn=category.hsn,
        percent=percent,
        confidence=category.confidence,
        source=category.source,
        price_dependent=category.price_dependent,
    )
