"""Product categories (``bot/reference/data/categories.csv``): what a listing is, with HSN and GST.

A seller's craft (``crafts.csv``) is broad: "Glassware" covers GST-free bangles, 5 % art
ware and 18 % tableware. A listing therefore picks a product category, which carries the
HSN code, the GST rate (GST 2.0, from 22 Sep 2025, per the domain facts §5), the Legal
Metrology generic name, how its size is given and packaging traits.

Like ``bot.reference``, the CSV is read once per process and checked strictly, so a bad
edit fails at start-up naming the file and line.

Rates are suggestions with a confidence mark (C confirmed, L likely, U unconfirmed) and
an as-of date: the bot must show U rates as "please verify". Each row has the short HSN
heading (shown to sellers) and an 8-digit tariff item with its own source and mark: ONDC
seller apps reject fewer than 8 digits (audit 2026-11 note 1). Source keys ``cta`` (Customs
Tariff Act 1975, First Schedule) and ``hsnx`` (a public HSN master list used only as a
cross-check) are described in the README's data section. An empty HSN is allowed only on a
U row (the catch-all "Other handmade article", where no code can honestly be guessed).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from bot.reference import districts as reference
from bot.reference.rows import ReferenceDataError, check_buttons, read_csv_rows, short_name

CATEGORIES_CSV = reference.DATA_DIR / "categories.csv"

COLUMNS = (
    "key", "craft_key", "name_en", "name_hi", "generic_name_en", "hsn", "hsn8",
    "hsn8_confidence", "hsn8_source", "gst_percent", "gst_percent_above", "gst_threshold",
    "size_kind", "unit", "traits", "confidence", "source", "as_of", "button_en", "button_hi",
)
_OPTIONAL = frozenset({"hsn", "hsn8", "gst_percent_above", "gst_threshold", "traits",
                       "button_en", "button_hi"})

# length: fabric and suit pieces, sold by the metre (not length × width × height).
# bangle: the Indian bangle sizes (2.2 ... 2.12, inner diameter in inches and sixteenths).
SIZE_KINDS = frozenset({"dims", "garment", "bangle", "saree", "length", "volume", "weight"})
UNITS = frozenset({"piece", "pair", "set", "ml", "g"})
TRAITS = frozenset(
    {"fragile", "textile", "liquid", "flammable", "wood", "metal", "food", "leather"}
)
# GST 2.0 slabs. 12 % and 28 % are gone, so an old rate copied from a 2024 table fails here.
GST_RATES = frozenset(Decimal(r) for r in ("0", "0.25", "3", "5", "18", "40"))
NAME_MAX = 28  # Telegram button text that still fits on a phone

_KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_HSN_RE = re.compile(r"^(?:\d{4}|\d{6}|\d{8})$")  # heading, sub-heading or tariff item
_HSN8_RE = re.compile(r"^\d{8}$")  # the 8-digit tariff item ONDC seller apps insist on
_AS_OF_RE = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")
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
    hsn: str  # the heading shown to sellers (4 digits, or 6/8); "" only on a U row
    hsn8: str  # the 8-digit tariff item sent to marketplaces; starts with ``hsn``
    hsn8_confidence: str  # C | L | U, for the 8-digit code (the rate has its own mark)
    hsn8_source: str
    gst_percent: Decimal
    gst_percent_above: Decimal | None  # rate when the unit price exceeds gst_threshold
    gst_threshold: Decimal | None  # ₹ per piece/pair
    size_kind: str  # dims | garment | bangle | saree | length | volume | weight
    unit: str  # piece | pair | set | ml | g
    traits: frozenset[str]
    confidence: str  # C | L | U, for the GST rate
    source: str
    as_of: str  # YYYY-MM or YYYY-MM-DD: when the rate was last confirmed in force
    button_en: str = ""  # a short form for a button, where the name is too long for one
    button_hi: str = ""

    def name(self, locale: str) -> str:
        return self.name_hi if _is_hindi(locale) else self.name_en

    def button(self, locale: str) -> str:
        return short_name(self.name(locale), self.button_hi if _is_hindi(locale)
                          else self.button_en)

    @property
    def price_dependent(self) -> bool:
        return self.gst_threshold is not None


@dataclass(frozen=True)
class GstSuggestion:
    hsn: str  # 8 digits (what marketplaces need), or "" on the catch-all row
    heading: str  # the short heading, for display
    percent: Decimal
    confidence: str
    source: str
    price_dependent: bool
    hsn_confidence: str = "U"  # C | L | U for the 8-digit code; U: "check with your CA"


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


def _check_hsn8(path: Path, line: int, row: dict[str, str]) -> None:
    hsn, hsn8 = row["hsn"], row["hsn8"]
    if row["hsn8_confidence"] not in _CONFIDENCE:
        raise _fail(path, line, f"hsn8_confidence must be one of C/L/U, got "
                                f"{row['hsn8_confidence']!r}")
    if bool(hsn) != bool(hsn8):
        raise _fail(path, line, "hsn and hsn8 go together: give both or neither")
    if hsn8 and not _HSN8_RE.match(hsn8):
        raise _fail(path, line, f"hsn8 {hsn8!r} must be 8 digits (ONDC seller apps reject "
                                f"fewer)")
    if hsn8 and not hsn8.startswith(hsn):
        raise _fail(path, line, f"hsn8 {hsn8!r} is not under the heading {hsn!r}")


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
        check_buttons(path, line, row, ("name_en", "name_hi"))
        if row["confidence"] not in _CONFIDENCE:
            raise _fail(path, line, f"confidence must be one of C/L/U, got {row['confidence']!r}")
        hsn = row["hsn"]
        if hsn and not _HSN_RE.match(hsn):
            raise _fail(path, line, f"hsn {hsn!r} must be 4, 6 or 8 digits")
        if not hsn and row["confidence"] != "U":
            raise _fail(path, line, "empty hsn is allowed only with confidence U")
        _check_hsn8(path, line, row)
        if not _AS_OF_RE.match(row["as_of"]):
            raise _fail(path, line, f"as_of {row['as_of']!r} must be YYYY-MM or YYYY-MM-DD")
        percent = _percent(path, line, "gst_percent", row["gst_percent"])
        above, threshold = _threshold(path, line, row)
        _check_size(path, line, row["size_kind"], row["unit"])
        seen.add(key)
        result.append(
            Category(
                key=key, craft_key=craft_key, name_en=row["name_en"], name_hi=row["name_hi"],
                generic_name_en=row["generic_name_en"], hsn=hsn, hsn8=row["hsn8"],
                hsn8_confidence=row["hsn8_confidence"], hsn8_source=row["hsn8_source"],
                gst_percent=percent,
                gst_percent_above=above, gst_threshold=threshold, size_kind=row["size_kind"],
                unit=row["unit"], traits=_traits(path, line, row["traits"]),
                confidence=row["confidence"], source=row["source"], as_of=row["as_of"],
                button_en=row["button_en"], button_hi=row["button_hi"],
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


def taxable_value(category: Category, price: Decimal) -> Decimal:
    """The sale value before GST of one piece whose buyer price ``price`` includes GST at
    the category's lower rate: what the ₹2,500 rule is tested on."""
    return Decimal(price) * 100 / (100 + category.gst_percent)


def slab_limit(category: Category) -> Decimal | None:
    """The highest GST-inclusive price that keeps the lower rate (₹2,625 for 5 % up to a
    ₹2,500 taxable value), or None for a flat-rate category."""
    if category.gst_threshold is None:
        return None
    return category.gst_threshold * (100 + category.gst_percent) / 100


def gst_for(category: Category, price: Decimal) -> GstSuggestion:
    """The GST suggestion for one piece/pair the buyer pays ``price`` rupees for.

    ``price`` is the selling price including GST (what a seller types and a marketplace
    shows). The ₹2,500 rule (notification 9/2025-CT(Rate)) looks at the sale value before
    GST, so the price is first taken back to its taxable value at the lower rate: a kurta
    at ₹2,625 is ₹2,500 + 5 % and stays at 5 %; at ₹2,626 the value exceeds ₹2,500 and the
    higher rate applies ([msap], audit 2026-11 note 2).
    """
    percent = category.gst_percent
    limit = slab_limit(category)
    if limit is not None and category.gst_percent_above is not None and Decimal(price) > limit:
        percent = category.gst_percent_above
    return GstSuggestion(
        hsn=category.hsn8,
        heading=category.hsn,
        percent=percent,
        confidence=category.confidence,
        source=category.source,
        price_dependent=category.price_dependent,
        hsn_confidence=category.hsn8_confidence,
    )
