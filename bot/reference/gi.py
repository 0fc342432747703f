"""GI-tagged crafts of UP (``bot/reference/data/gi_products.csv``), to know when to ask about GI.

Only registered authorised users may use a GI name (facts.md §2, Form GI-3A), so the
listing wizard asks only where the seller's district and craft have one.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bot.reference import categories
from bot.reference import districts as reference

GI_CSV = Path(__file__).resolve().parent / "data" / "gi_products.csv"
_AS_OF = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


@dataclass(frozen=True)
class GiProduct:
    name: str
    district_codes: frozenset[str]
    craft_keys: frozenset[str]
    category_keys: frozenset[str]  # empty: any product of the craft; else only these
    confidence: str
    source: str
    as_of: str


@cache
def gi_products() -> tuple[GiProduct, ...]:
    items = []
    with GI_CSV.open(encoding="utf-8", newline="") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            districts = frozenset(filter(None, row["district_codes"].split(";")))
            crafts = frozenset(filter(None, row["craft_keys"].split(";")))
            kinds = frozenset(filter(None, row["category_keys"].split(";")))
            unknown = [d for d in districts if reference.district(d) is None] + [
                c for c in crafts if reference.craft(c) is None] + [
                k for k in kinds if categories.category(k) is None]
            if not _AS_OF.match(row["as_of"] or ""):
                unknown.append(f"as_of {row['as_of']!r}")
            if unknown or not row["gi_name"] or row["confidence"] not in ("C", "L", "U"):
                raise ValueError(f"{GI_CSV.name} line {line}: bad row ({unknown or row})")
            items.append(GiProduct(row["gi_name"], districts, crafts, kinds, row["confidence"],
                                   row["source"], row["as_of"]))
    return tuple(items)


def gi_for(district_code: str | None, craft_key: str | None,
           category_key: str | None = None) -> GiProduct | None:
    """The GI for a product made in a district: a GI named for its very kind of product
    (Mirzapur Handmade Dari for a durrie) before one for the whole craft."""
    found = [gi for gi in gi_products()
             if district_code in gi.district_codes and craft_key in gi.craft_keys]
    specific = [gi for gi in found if category_key in gi.category_keys]
    general = [gi for gi in found if not gi.category_keys]
    return (specific or general or [None])[0]
