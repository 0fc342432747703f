"""Which packing, labelling, shipping and branding items a product calls for: pure rules.

A product's traits are its category's packing traits (``bot/reference/categories.py``:
fragile, textile, liquid, flammable, wood, metal, food, leather) plus what its answers and
the seller's profile add: heavy or bulky (weight, size), high value (MRP), sold by measure
(ml or g), export (the seller wants to export), and GI (the district's craft has a GI; the
seller says they are an authorised user). Each ``Rule`` names the traits it needs; the
checklist is every rule that applies, in a fixed order, as codes. Words are chosen where
shown (``flow.py``), so a rule and its text can be tested apart.

The facts behind each item are in the shared domain notes (facts.md §4, §6, §7 and the
2026-11 audit §6), with their confidence marks; ``flow.py`` says "check" where they are U.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from bot.pricing import calculator
from bot.reference import categories, trademarks
from bot.reference.gi import gi_for

# Derived traits (the category traits are categories.TRAITS).
HEAVY = "heavy"  # 5 kg or more, or a side of 60 cm or more
HIGH_VALUE = "high_value"  # MRP ₹5,000 or more
# Sold by ml, g, length or number (a set): unit sale price on the label, r.6(11).
BY_MEASURE = "by_measure"
EXPORT = "export"
GI = "gi"  # the district's craft has a GI
GI_USER = "gi_user"  # ... and the seller says they are a registered authorised user

HEAVY_G = 5000
BULKY_CM = 60
HIGH_VALUE_MRP = Decimal(5000)

DONE, NOT_NEEDED = "done", "skip"
STATES = (DONE, NOT_NEEDED)

PACK, LABEL, SHIP, EXPORT_GROUP, BRAND = "pack", "label", "ship", "export", "brand"
GROUPS = (PACK, LABEL, SHIP, EXPORT_GROUP, BRAND)

# What a screen can offer beside an item: make a printable, or open the price calculator.
FRAGILE_STICKER, LEGAL_LABEL, STORY_CARD, PRICE = "sticker", "legal", "story", "price"


@dataclass(frozen=True)
class Rule:
    code: str
    group: str
    applies: Callable[[frozenset[str]], bool]
    marketplace: str | None = None  # a marketplace-specific item names it
    action: str | None = None  # FRAGILE_STICKER, LEGAL_LABEL, STORY_CARD, PRICE


def _always(_traits: frozenset[str]) -> bool:
    return True


def _any(*names: str) -> Callable[[frozenset[str]], bool]:
    return lambda traits: any(n in traits for n in names)


def _all(*names: str) -> Callable[[frozenset[str]], bool]:
    return lambda traits: all(n in traits for n in names)


RULES: tuple[Rule, ...] = (
    # Fragile goods: Amazon's 3 ft drop test, box-in-box (facts §7 [AMZf][fdx]).
    Rule("wrap_each", PACK, _any("fragile")),
    Rule("box_in_box", PACK, _any("fragile")),
    Rule("drop_test", PACK, _any("fragile")),
    Rule("fragile_sticker", PACK, _any("fragile"), action=FRAGILE_STICKER),
    Rule("textile_fold", PACK, _any("textile")),
    Rule("keep_dry", PACK, _any("textile", "wood", "leather")),
    Rule("leak_proof", PACK, _any("liquid")),
    # Alcohol-based perfume is UN1266 class 3 (audit §6, L); oil-based attar may not be.
    Rule("dangerous_goods", PACK, _any("flammable")),
    Rule("flash_point", PACK, lambda t: "liquid" in t and "flammable" not in t),
    Rule("food_grade", PACK, _any("food")),
    Rule("corner_guards", PACK, _any("wood", "metal", HEAVY)),
    Rule("anti_tarnish", PACK, _any("metal")),
    Rule("heavy_box", PACK, _any(HEAVY)),
    Rule("tamper_proof", PACK, _any(HIGH_VALUE)),
    Rule("plastic_rules", PACK, _always),
    Rule("epr", PACK, _always),
    # Legal Metrology (Packaged Commodities) Rules 2011, rule 6 (facts §4, audit §4).
    Rule("legal_label", LABEL, _always, action=LEGAL_LABEL),
    Rule("unit_price", LABEL, _any(BY_MEASURE)),
    Rule("fssai", LABEL, _any("food")),
    Rule("best_before", LABEL, _any("food")),
    Rule("invoice_slip", LABEL, _always),
    Rule("weights", SHIP, _always, action=PRICE),
    Rule("packing_video", SHIP, _always),
    # Meesho's return-claim policy: 7 days, unbroken unpacking video (audit §6, L).
    Rule("unboxing_video", SHIP, _always, marketplace="Meesho"),
    # ISPM-15 governs solid-wood packing (crates, pallets, dunnage), whatever the product
    # (facts §6 [ppq][gsp] C; audit-2026-12 S3): every exporter is asked about the packing.
    Rule("ispm15", EXPORT_GROUP, _any(EXPORT)),
    Rule("export_papers", EXPORT_GROUP, _any(EXPORT)),
    Rule("brand_name", BRAND, _always),
    Rule("logo_label", BRAND, _always),
    Rule("story_card", BRAND, _always, action=STORY_CARD),
    Rule("gi_register", BRAND, lambda t: GI in t and GI_USER not in t),
    Rule("gi_logo", BRAND, _all(GI_USER)),
)
BY_CODE = {rule.code: rule for rule in RULES}

@dataclass(frozen=True)
class Item:
    code: str
    group: str
    marketplace: str | None
    action: str | None
    state: str | None  # DONE, NOT_NEEDED or None (open)


@dataclass(frozen=True)
class Progress:
    ticked: int
    total: int


def _number(value: Any) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def traits_of(answers: dict[str, Any], district_code: str | None,
              wants_export: bool) -> frozenset[str]:
    """The product's traits: its category's, plus size, weight, value, channel and GI."""
    category = categories.category(answers.get("category") or "")
    traits = set(category.traits) if category else set()
    weight = _number(answers.get("weight_g"))
    dims = answers.get("size_dims") or []
    if (weight is not None and weight >= HEAVY_G) or any(
            (_number(d) or 0) >= BULKY_CM for d in dims):
        traits.add(HEAVY)
    mrp = _number(answers.get("mrp"))
    if mrp is not None and mrp >= HIGH_VALUE_MRP:
        traits.add(HIGH_VALUE)
    if category is not None and (category.unit in ("ml", "g", "set")
                                 or category.size_kind == "length"):
        traits.add(BY_MEASURE)
    if wants_export:
        traits.add(EXPORT)
    if category is not None and gi_for(district_code, category.craft_key) is not None:
        traits.add(GI)
        if answers.get("gi") == "yes":
            traits.add(GI_USER)
    return frozenset(traits)


def rules_for(traits: Iterable[str]) -> list[Rule]:
    traits = frozenset(traits)
    return [rule for rule in RULES if rule.applies(traits)]


def checklist(traits: Iterable[str], ticks: dict[str, str]) -> list[Item]:
    """The items the traits call for, with the seller's ticks. A tick on an item that no
    longer applies (the product was edited) is kept but not shown or counted, so it comes
    back if the item applies again."""
    return [Item(rule.code, rule.group, rule.marketplace, rule.action, ticks.get(rule.code))
            for rule in rules_for(traits)]


def progress(items: list[Item]) -> Progress:
    return Progress(sum(1 for item in items if item.state in STATES), len(items))


@dataclass(frozen=True)
class Parcel:
    box_cm: tuple[int, int, int]
    weight_g: int
    # (divisor, volumetric grams, marketplace keys) per divisor in the fee data: 5000 and
    # 4000 both occur (fees.toml), so the seller sees which applies where.
    by_divisor: tuple[tuple[int, int, tuple[str, ...]], ...]

    @property
    def volumetric_g(self) -> int:
        return max(grams for _d, grams, _k in self.by_divisor)  # the pessimistic one

    @property
    def chargeable_g(self) -> int:
        return max(self.weight_g, self.volumetric_g)


# Room around the piece: box-in-box for fragile goods (outer box ~15 cm bigger, facts §7),
# a little padding for the rest (U: common practice).
FRAGILE_ROOM_CM, ROOM_CM = 15, 4


def parcel(answers: dict[str, Any], traits: frozenset[str], tables: dict[str, Any]
           ) -> Parcel | None:
    """An estimate of the packed box and its weights, with each marketplace's divisor;
    None when the product has no size in cm or no weight."""
    dims = [_number(d) for d in answers.get("size_dims") or []]
    weight = _number(answers.get("weight_g"))
    if len(dims) != 3 or None in dims or weight is None or not tables:
        return None
    room = FRAGILE_ROOM_CM if "fragile" in traits else ROOM_CM
    box = tuple(int(d + room) for d in dims)
    keys: dict[int, list[str]] = {}
    for key, table in tables.items():
        keys.setdefault(int(table.volumetric_divisor.value), []).append(key)
    return Parcel(box, int(weight), tuple(
        (divisor, calculator.volumetric_weight_g(box, Decimal(divisor)), tuple(names))
        for divisor, names in keys.items()))


def nice_class(category_key: str | None) -> trademarks.NiceClass | None:
    """The Nice class row (``reference/data/nice_classes.csv``), or None: ask."""
    return trademarks.nice_class(category_key)
