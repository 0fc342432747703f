"""Marketplace listing drafts from one product's answers.

Everything a draft says is English (what marketplaces need), and every English line is
either right or visibly missing: the seller's Hindi goes through the craft glossary and the
ready-made feature and care lines (``bot.reference.phrases``); a line with a word neither
knows is left out and reported as a gap (never transliterated and passed off as English).
Names and addresses are written in Latin letters, as the seller confirmed them.
The rules each draft is checked against live in ``bot/reference/data/marketplaces.toml`` with their
sources; every rule a draft still breaks is listed as blocking or advice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cached_property, lru_cache
from typing import Any

from bot.listing import titles, variants
from bot.listing.variants import Variant
from bot.parsing.labels import best_before_english, show_month_year
from bot.reference import categories, exchange, glossary, names, phrases, textiles
from bot.reference import districts as reference
from bot.reference import gst as gst_rules
from bot.reference.gi import gi_for
from bot.reference.marketplaces import Rules, all_rules
from bot.templates import render

# gap: a line the seller wrote is left out because it could not be put into English.
BLOCKING, GAP, ADVICE = "blocking", "gap", "advice"
# The advice that gives a U code (our reading of the tariff) with the GST: one line, which
# says the code once and that it is a guess (check_hsn: a GSTIN seller; eid_check_hsn: an
# enrolment-ID seller, who charges no GST).
HSN_GUESSES = frozenset({"check_hsn", "eid_check_hsn"})
_DEVANAGARI = re.compile(r"[\u0900-\u097F]")
_EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F]")
_URLISH = re.compile(r"(https?://|www\.|@[a-z0-9-]+\.|\b\d{10}\b)", re.I)


@dataclass(frozen=True)
class Issue:
    severity: str  # blocking | gap | advice
    code: str  # stable id; the message is chosen (and translated) where it is shown
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class Draft:
    marketplace: str
    rules: Rules
    title: str
    bullets: list[str]
    description: str
    attributes: dict[str, str]  # English column name -> value, for messages and sheets
    issues: list[Issue]
    unknown_words: tuple[str, ...]  # words that kept a line out of the draft
    ondc: dict[str, Any] | None = None
    food: bool = False
    # A choice of sizes or colours: one sheet row each, with its own size, colour, stock.
    variants: list[Variant] = field(default_factory=list)

    @property
    def blocking(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == BLOCKING]

    @property
    def hsn_unconfirmed(self) -> bool:
        """The HSN is a U code (our reading of the tariff): the draft says so beside it."""
        return any(i.code in HSN_GUESSES for i in self.issues)

    @property
    def gaps(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == GAP]

    @staticmethod
    def gap_label(issue: Issue) -> str:
        """"Key feature 2": where a gap is, in English."""
        field = issue.params["field"]
        return f"{_GAP_FIELDS.get(field, field)} {issue.params['number']}"

    def gap_note(self) -> str:
        """The draft's first line when a line of the seller's is missing: in English, for
        whoever pastes it (the seller is told in their language in the chat)."""
        gaps = self.gaps
        if not gaps:
            return ""
        where = "; ".join(self.gap_label(g) for g in gaps)
        return (f"INCOMPLETE: {len(gaps)} line(s) the seller wrote are not in this draft "
                f"because they could not be put into English ({where}). Add them in English "
                "before listing.")

    def variant_titles(self) -> list[tuple[Variant, str]]:
        """(variant, title) per variant row: each its own size and colour, never the list
        ("… Kurta - Red - M")."""
        return [(v, titles.variant_title(self.title, v.name, self.rules.title_max))
                for v in self.variants]

    def text(self) -> str:
        return render(f"drafts/{self.marketplace}.txt", draft=self)


_GAP_FIELDS = {"name": "Product name", "materials": "Material", "colours": "Colour",
               "features": "Key feature", "care": "Care"}


@dataclass(frozen=True)
class SellerFacts:
    """What a draft needs from the seller's profile and steps."""

    name: str
    business_name: str | None
    district_code: str | None
    address: str | None
    phone: str | None
    email: str | None
    gstin: str | None
    enrolment_id: str | None
    # The seller's confirmed spelling in English letters (None: not confirmed yet).
    business_name_en: str | None = None
    name_en: str | None = None
    # The district's reviewed glossary words, used before the shipped glossary
    # (``bot.listing.glossary_terms.in_use``).
    terms: tuple[glossary.Entry, ...] = ()


@dataclass(frozen=True)
class Gap:
    """A line of the seller's that is not in the English draft, and the words that kept
    it out. ``field`` is the wizard's field key; ``number`` counts from 1 within it."""

    field: str
    number: int
    text: str
    words: tuple[str, ...]


@lru_cache(maxsize=256)
def _phrase(phrase: str) -> re.Pattern[str]:
    """A forbidden phrase as whole words: "offer" must not eat "Offering"."""
    return re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", re.I)


def english(text: str | None) -> glossary.Translation:
    return _english(text or "", glossary.extra_key())


@lru_cache(maxsize=4096)
def _english(text: str, _extra: tuple) -> glossary.Translation:
    # Cached: brand, material and colour words repeat across a seller's products.
    return glossary.to_english(text)


def title_case(text: str) -> str:
    # Keep words that are already mixed/upper case (GI names, "LED"); capitalise the rest.
    return " ".join(w if any(c.isupper() for c in w[1:]) else w[:1].upper() + w[1:]
                    for w in text.split())


def fit_words(parts: list[str], limit: int) -> str:
    """Join parts in order while they fit; never cut inside a word."""
    title = ""
    for part in parts:
        candidate = f"{title} {part}".strip()
        if len(candidate) <= limit:
            title = candidate
            continue
        for word in part.split():  # take whole words of the part that overflows
            candidate = f"{title} {word}".strip()
            if len(candidate) > limit:
                return title
            title = candidate
        return title
    return title


def _size_text(answers: dict[str, Any]) -> str:
    if dims := answers.get("size_dims"):
        return " x ".join(f"{v:g}" for v in dims) + " cm"
    if sizes := answers.get("garment_size") or answers.get("bangle_size"):
        sizes = [sizes] if isinstance(sizes, str) else sizes  # one size before variants
        names = ["Free Size" if s == "free" else s for s in sizes]
        return f"Size {names[0]}" if len(names) == 1 and sizes[0] != "free" else (
            names[0] if len(names) == 1 else "Sizes " + ", ".join(names))
    if length := answers.get("saree_length") or answers.get("fabric_length"):
        return f"{length:g} m"
    if volume := answers.get("volume_ml"):
        return f"{volume:g} ml"
    return ""


def _title_size(answers: dict[str, Any]) -> str:
    """The size a buyer picks, for a title: one garment or bangle size ("Size M"); none for
    several (each variant row carries its own) and none for a box's dimensions."""
    if answers.get("size_dims"):
        return ""
    sizes = answers.get("garment_size") or answers.get("bangle_size")
    if sizes and not isinstance(sizes, str) and len(sizes) > 1:
        return ""
    return _size_text(answers)


APPAREL = {"gender": "Gender", "sleeve": "Sleeve", "neck": "Neck", "pattern": "Pattern"}


def _per_size(value: dict[str, Any], show) -> str:
    return "; ".join(f"{'Free Size' if size == 'free' else size}: {show(v)}"
                     for size, v in value.items())


def _apparel(answers: dict[str, Any]) -> dict[str, str]:
    """Garment attributes marketplaces require; empty for other products."""
    if not answers.get("garment_size"):
        return {}
    out = {column: answers.get(key) or "" for key, column in APPAREL.items()}
    out["Stock per size"] = _per_size(variants.stock_per_size(answers), str)
    out["Size chart (inches)"] = _per_size(
        answers.get("size_chart") or {}, lambda v: f"chest {v[0]:g}, length {v[1]:g}")
    return out


def _stock(answers: dict[str, Any]) -> str:
    """The pieces ready to sell, over every size and colour."""
    per_variant = [v.stock for v in variants.of(answers)]
    if per_variant:
        return str(sum(per_variant))
    if answers.get("size_stock"):
        return str(sum(answers["size_stock"].values()))
    return str(answers["stock"]) if answers.get("stock") is not None else ""


CM_PER_INCH = Decimal("2.54")
G_PER_LB = Decimal("453.59237")


def export_facts(answers: dict[str, Any]) -> dict[str, str]:
    """US units and dollars for Walmart: the export price (its own field, with the rate it
    was worked out at), shipping weight in lb, dimensions in inches."""
    out: dict[str, str] = {}
    if export := answers.get("export_price"):
        out["Price (USD)"] = export["usd"]
        out["Exchange rate"] = (f"Rs. {export['rate']} per USD as of {export['as_of']} "
                                f"({export['source']})")
    elif price := answers.get("price"):
        rate = exchange.rate("USD")
        out["Price (USD)"] = ""  # no export price set: never the India price passed off
        out["Exchange rate"] = (f"no export price yet; the India price Rs. {price} is about "
                                f"USD {rate.convert(Decimal(str(price)))} at Rs. "
                                f"{rate.inr_per_unit} per USD as of {rate.as_of}")
    if dims := answers.get("size_dims"):
        inches = [f"{(Decimal(str(v)) / CM_PER_INCH).quantize(Decimal('0.1'))}" for v in dims]
        out["Size (inches)"] = " x ".join(inches) + " in"
        out.update(zip(("Length (in)", "Width (in)", "Height (in)"), inches, strict=True))
    if grams := answers.get("weight_g"):
        out["Weight (lb)"] = f"{(Decimal(str(grams)) / G_PER_LB).quantize(Decimal('0.01'))} lb"
        out["Shipping weight (lb)"] = out["Weight (lb)"].removesuffix(" lb")
    out["GTIN/UPC or exemption"] = answers.get("gtin") or (
        "GTIN exemption requested (handmade)" if answers.get("handmade") == "yes" else "")
    return out


def _net_quantity(answers: dict[str, Any], unit: str) -> str:
    """Net quantity in a standard unit or by number (LM(PC) Rules r.6(1)): "1 set" is not
    one, so a set declares its count ("12 N") and stays empty until the seller gives it."""
    if volume := answers.get("volume_ml"):
        return f"{volume:g} ml"
    if length := answers.get("fabric_length"):
        return f"{length:g} m"  # fabric is sold by length (Legal Metrology net quantity)
    if unit == "g" and answers.get("weight_g"):
        return f"{answers['weight_g']} g"
    if unit == "set":
        pieces = answers.get("pieces")
        return f"{pieces} N ({pieces} pieces)" if pieces else ""
    return {"pair": "1 pair"}.get(unit, "1 N (one piece)")


def unit_sale_price(answers: dict[str, Any], unit: str) -> str:
    """Legal Metrology unit sale price, rule 6(11) (in force 1 Jan 2024, facts.md §4
    [fert][pcr24] C; G.S.R. 226(E) [wts22]): by weight or volume per g or ml up to 1 kg or
    1 l, per kg or l above; by length per cm below 1 m, per m from 1 m; by number per
    piece. None where the MRP is the unit sale price (one piece, exactly 1 m)."""
    mrp = Decimal(str(answers.get("mrp") or 0))
    if mrp <= 0:
        return ""
    if length := answers.get("fabric_length"):
        metres = Decimal(str(length))
        if metres == 1:
            return ""
        if metres < 1:
            return f"Rs. {mrp / (metres * 100):.2f} per cm"
        return f"Rs. {mrp / metres:.2f} per m"
    if unit == "set":
        pieces = int(answers.get("pieces") or 0)
        return f"Rs. {mrp / pieces:.2f} per piece" if pieces > 1 else ""
    if unit == "ml":
        quantity, small, big = answers.get("volume_ml"), "ml", "l"
    elif unit == "g":
        quantity, small, big = answers.get("weight_g"), "g", "kg"
    else:
        return ""
    if not quantity:
        return ""
    quantity = Decimal(str(quantity))
    if quantity >= 1000:  # 1 kg or more: per kg (or l)
        return f"Rs. {mrp * 1000 / quantity:.2f} per {big}"
    return f"Rs. {mrp / quantity:.2f} per {small}"


def _clean_title(title: str, rules: Rules) -> str:
    return _clean_title_for(title, rules.key)


@lru_cache(maxsize=16384)
def _clean_title_for(title: str, marketplace: str) -> str:
    # Cached: brand, material, colour and size repeat across products and marketplaces
    # (an export of 10,000 products cleans 50,000 titles' parts).
    chars, words = _title_cleaner(marketplace)
    title = title.translate(chars)
    if words is not None:
        title = words.sub(" ", title)
    title = _EMOJI.sub(" ", title)
    return _SPACES.sub(" ", title).strip(" -,")


@lru_cache(maxsize=16)
def _title_cleaner(marketplace: str) -> tuple[dict[int, str], re.Pattern[str] | None]:
    """A marketplace's forbidden characters as a translation table and its forbidden
    phrases as one pattern (whole words, any case), built once per process."""
    rules = all_rules()[marketplace]
    chars = {ord(ch): " " for ch in rules.forbidden_title_chars}
    if not rules.forbidden_title_words:
        return chars, None
    # Longest first: a phrase that contains a shorter one is removed whole.
    phrases_ = sorted(rules.forbidden_title_words, key=len, reverse=True)
    return chars, re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, phrases_)) + r")(?!\w)",
                             re.I)


_SPACES = re.compile(r"\s+")


def _items(value: Any) -> list[str]:
    """A list answer; care was a single text before it became a list."""
    if not value:
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value]


@dataclass
class ProductFacts:
    """Everything about one product that does not depend on the marketplace: worked out
    once, then shaped per marketplace (an export of 10,000 products needs 50,000 drafts)."""

    answers: dict[str, Any]
    photos: list[dict[str, Any]]
    seller: SellerFacts
    pieces: dict[str, str]  # title parts by name, English
    bullets: list[str]
    body: str  # the description after its first line
    attributes: dict[str, str]
    unknown: tuple[str, ...]
    gaps: list[Gap]
    seller_words: str  # the seller's own name/material/colour, in English
    gst: Any
    gi: Any
    gi_claim: bool
    food: bool = False  # FSSAI number and best-before required; ONDC prepackaged_food block
    # Title parts by marketplace title order, worked out once: the marketplaces share one
    # order, and an export asks for every product's title on every sheet.
    _parts: dict[tuple[str, ...], list[str]] = field(default_factory=dict, repr=False)

    def title_parts(self, order: tuple[str, ...]) -> list[str]:
        parts = self._parts.get(order)
        if parts is None:
            parts = self._parts[order] = titles.ordered_parts(self.pieces, order)
        return parts

    @cached_property
    def variants(self) -> list[Variant]:
        return variants.of(self.answers)

    @cached_property
    def found(self) -> Found:
        return found_in(self)


@dataclass
class EnglishAnswers:
    """The seller's own words in English: what could be translated, and the gaps."""

    name: str
    materials: str
    colours: str
    features: list[str]
    care: list[str]
    gaps: list[Gap]
    unknown: tuple[str, ...]


def english_answers(answers: dict[str, Any]) -> EnglishAnswers:
    unknown: list[str] = []
    gaps: list[Gap] = []

    def en(key: str) -> str:
        """A short answer (name, material, colour) in English, or "" and a gap when a
        word of it is unknown: a guessed word would be worse than none."""
        text = answers.get(key)
        translation = english(text)
        # Hinglish ("jhilmil ka phooldan"): a Latin word the glossary does not know is
        # Hindi in Latin letters, not English.
        missing = translation.unknown + (
            translation.kept if text and phrases.is_hinglish(text) else ())
        if missing:
            unknown.extend(missing)
            gaps.append(Gap(key, 1, text or "", missing))
            return ""
        return translation.text

    def lines(key: str) -> list[str]:
        out = []
        given = answers.get(phrases.GIVEN) or {}  # a facilitator's English, by line
        for number, item in enumerate(_items(answers.get(key)), 1):
            line = phrases.english_line(item, "care" if key == "care" else "feature")
            if given.get(item) and phrases.resolve(item) is None:
                # A facilitator's English, or her correction of the bot's: hers wins.
                line = phrases.Line(line.source, given[item])
            if line.english is None:
                unknown.extend(line.unknown)
                gaps.append(Gap(key, number, line.source, line.unknown))
            elif line.english not in out:
                out.append(line.english)
        return out

    if answers.get("name"):  # the bot's own "(कॉपी)" is not the seller's word
        answers = {**answers, "name": titles.without_copy_marker(answers["name"])}
    texts = {key: en(key) for key in ("name", "materials", "colours")}
    return EnglishAnswers(texts["name"], texts["materials"], texts["colours"],
                          lines("features"), lines("care"), gaps,
                          tuple(dict.fromkeys(unknown)))


def gaps_in(answers: dict[str, Any], terms: tuple[glossary.Entry, ...] = ()) -> list[Gap]:
    """The seller's lines that cannot go into an English draft (none: nothing missing)."""
    with glossary.extra(terms):
        return english_answers(answers).gaps


def product_facts(answers: dict[str, Any], photos: list[dict[str, Any]],
                  seller: SellerFacts) -> ProductFacts:
    """What the drafts need, with the seller's district's reviewed words in use."""
    with glossary.extra(seller.terms):
        return _product_facts(answers, photos, seller)


def _product_facts(answers: dict[str, Any], photos: list[dict[str, Any]],
                   seller: SellerFacts) -> ProductFacts:
    category = categories.category(answers.get("category") or "")
    words = english_answers(answers)

    name_of = names.latin  # names and addresses are spelt, never translated
    brand = seller.business_name_en or name_of(seller.business_name)
    product = words.name or (category.name_en if category else "")
    material = words.materials
    colour = words.colours
    size = _size_text(answers)
    district = reference.district(seller.district_code or "")
    gi = gi_for(seller.district_code, category.craft_key if category else None,
                category.key if category else None)
    gi_claim = gi is not None and answers.get("gi") == "yes"
    handmade = answers.get("handmade") == "yes"
    unit = category.unit if category else "piece"
    pieces = {"brand": title_case(brand), "product": title_case(product),
              "material": title_case(material) if material.lower() not in product.lower()
              else "", "colour": "" if variants.has_colour_choice(answers) else title_case(colour),
              "size": _title_size(answers),
              "dimensions": size if answers.get("size_dims") else "",
              "pack": titles.pack_text(unit, answers.get("pieces")),
              "gi": gi.name if gi_claim else "", "handmade": "Handmade" if handmade else ""}

    bullets = [b[:1].upper() + b[1:] for b in words.features]
    made_in = f"{district.name_en}, Uttar Pradesh, India" if district else "India"
    # The maker by name only as the seller confirmed it (or typed it in English letters).
    maker = seller.name_en or (seller.name if seller.name and not _DEVANAGARI.search(
        seller.name) else "")
    if handmade:
        bullets.append(f"Handmade by {maker} in {made_in}" if maker
                       else f"Handmade by artisans in {made_in}")
    else:
        bullets.append(f"Made in {made_in}")
    if material:
        bullets.append(f"Material: {title_case(material)}")
    if size:
        bullets.append(f"Size: {size}")
    if care := words.care:
        bullets.append("Care: " + ". ".join(care))
    lines = [f"- {b}" for b in bullets]
    if gi_claim:
        lines.insert(0, f"Made by a registered authorised user of the {gi.name} "
                        f"geographical indication.")
    body = "\n".join(lines)

    price = Decimal(str(answers.get("price") or 0))
    gst = categories.gst_for(category, price) if category else None
    # Textiles: the HSN follows the fibre (georgette is man-made, not cotton; issue 18).
    by_fibre = textiles.hsn_for(category.key, material) if category else None
    if gst is not None and by_fibre is not None:
        gst = replace(gst, hsn=by_fibre.hsn8, heading=by_fibre.hsn,
                      hsn_confidence=by_fibre.confidence)
    food = category is not None and "food" in category.traits
    manufacturer = (seller.business_name_en or name_of(seller.business_name)
                    if seller.business_name else seller.name_en or name_of(seller.name))
    attributes = {
        "Brand": pieces["brand"] or "Generic",
        "Product type": category.name_en if category else "",
        "Generic name": category.generic_name_en if category else "",
        "Material": title_case(material),
        # Colours a buyer picks between are a list ("Red, Green, Blue"), not one name.
        "Colour": (", ".join(variants.colour_options(answers))
                   if variants.has_colour_choice(answers) else title_case(colour)),
        "Size": size,
        "Weight (g)": str(answers.get("weight_g") or ""),
        "Selling price (INR)": str(answers.get("price") or ""),
        "MRP (INR, inclusive of all taxes)": str(answers.get("mrp") or ""),
        "Stock": _stock(answers),
        **_apparel(answers),
        "HSN": gst.hsn if gst else "",
        # Empty on an enrolment ID: such a seller may not charge GST (gst.toml, CGST s.32).
        "GST %": f"{gst.percent:g}" if gst and gst_rules.charges_gst(
            seller.gstin, seller.enrolment_id) else "",
        "Handmade": "Yes" if handmade else "No",
        "Country of origin": "India",
        "Manufacturer / packer": manufacturer,
        "Manufacturer address": name_of(seller.address),
        "Net quantity": _net_quantity(answers, category.unit if category else "piece"),
        "Month and year of manufacture": (show_month_year(answers["packed"])
                                           if answers.get("packed") else ""),
        "Unit sale price": unit_sale_price(answers, category.unit if category else "piece"),
        "Dimensions": (_size_text(answers) if answers.get("size_dims") and category is not None
                       and "textile" in category.traits else ""),
        "FSSAI licence no.": (answers.get("fssai") or "") if food else "",
        "Best before": (best_before_english(answers["best_before"])
                        if food and answers.get("best_before") else ""),
        "Consumer care": ", ".join(filter(None, [seller.phone, seller.email])),
        # FSS (Labelling and Display) Regulations 2020 [fmt20]: food only.
        "Veg / non-veg": {"veg": "Vegetarian", "nonveg": "Non-vegetarian"}.get(
            answers.get("veg") or "", "") if food else "",
        "Ingredients": (answers.get("ingredients") or "") if food else "",
        "Nutrition information": (answers.get("nutrition") or "") if food else "",
        "GSTIN": seller.gstin or "",
        "GST enrolment ID": seller.enrolment_id or "",
        "GSTIN or enrolment ID": seller.gstin or seller.enrolment_id or "",
        "Images": str(len(photos)),
    }
    return ProductFacts(answers, photos, seller, pieces, bullets, body, attributes,
                        words.unknown, words.gaps, f"{product} {material} {colour}",
                        gst, gi, gi_claim, food)


def draft_for(facts: ProductFacts, marketplace: str) -> Draft:
    rules = all_rules()[marketplace]
    title = fit_words([c for p in facts.title_parts(rules.title_order)
                       if (c := _clean_title(p, rules))], rules.title_max)
    bullets = [b[: rules.bullet_max_len] for b in facts.bullets][: rules.bullets_max]
    description = f"{title}.\n{facts.body}" if title else facts.body
    if len(description) > rules.description_max:
        description = fit_words([description], rules.description_max)
    attributes = facts.attributes
    if rules.export_only:  # sold abroad: dollars and inches beside rupees and centimetres
        attributes = {**attributes, **export_facts(facts.answers)}
    draft = Draft(marketplace, rules, title, bullets, description, attributes, [],
                  facts.unknown, food=facts.food, variants=facts.variants)
    draft.issues = check(draft, facts)
    if marketplace == "ondc":
        seller = facts.seller
        care = ",".join([facts.attributes["Manufacturer / packer"], seller.email or "",
                         seller.phone or ""])
        draft.ondc = ondc_item(draft, facts.answers, food=facts.food, care=care)
    return draft


def build(answers: dict[str, Any], photos: list[dict[str, Any]], seller: SellerFacts,
          marketplace: str) -> Draft:
    return draft_for(product_facts(answers, photos, seller), marketplace)


# Required attributes checked generically (the others have their own, clearer messages).
_REQUIRED_COLUMNS = {"product": "Product type", "generic_name": "Generic name",
                     "manufacturer": "Manufacturer / packer", "net_quantity": "Net quantity",
                     "country_of_origin": "Country of origin"}


@dataclass(frozen=True)
class Found:
    """What ``check`` finds that no marketplace rule changes, in ``check``'s order: worked
    out once per product (``ProductFacts.found``), not once per marketplace's draft."""

    lines: tuple[Issue, ...]  # a feature with contact details or emoji; lines not in English
    apparel_and_gst: tuple[Issue, ...]
    seller: tuple[Issue, ...]  # address and consumer care (Legal Metrology)
    food: tuple[Issue, ...]  # FSSAI, best-before, label (the nutrition line is per marketplace)
    price_and_gi: tuple[Issue, ...]
    all_caps: bool  # a word of the name in capitals (a rule on some marketplaces)
    photo_sides: tuple[int, ...]  # each photo's longer side, in pixels
    main_photo: tuple[Issue, ...]  # the buyer's first look: advice on every marketplace


def found_in(facts: ProductFacts) -> Found:
    answers, seller, gst, gi = facts.answers, facts.seller, facts.gst, facts.gi
    lines = []
    if any(_URLISH.search(f) or _EMOJI.search(f) for f in answers.get("features") or []):
        lines.append(Issue(ADVICE, "feature_contact_or_emoji"))
    lines += [Issue(GAP, f"gap_{gap.field}", {"field": gap.field, "number": gap.number,
                                                "text": gap.text, "words": ", ".join(gap.words)})
              for gap in facts.gaps]
    apparel = [Issue(BLOCKING, "missing_attribute", {"attribute": column})  # needs them all
               for column in (*APPAREL.values(), "Stock per size", "Size chart (inches)")
               if column in facts.attributes and not facts.attributes[column]]
    # One line gives the code: a U code is a guess and says so plainly, in the same line
    # (two lines naming the code twice read as two different numbers on a phone).
    guess = gst is not None and bool(gst.hsn) and gst.hsn_confidence == "U"
    if gst is not None and not gst_rules.charges_gst(seller.gstin, seller.enrolment_id):
        apparel.append(Issue(ADVICE, "eid_check_hsn" if guess else "eid_no_gst",
                             {"hsn": gst.hsn}))
    elif gst is not None:
        apparel.append(Issue(ADVICE, "check_hsn" if guess else "confirm_gst",
                             {"hsn": gst.hsn, "percent": f"{gst.percent:g}"}))
    contact = []
    if not seller.address:
        contact.append(Issue(BLOCKING, "no_address"))
    if not seller.phone and not seller.email:
        contact.append(Issue(BLOCKING, "no_consumer_care"))
    elif not (seller.phone and seller.email):
        # r.6(1): the consumer-care line gives a phone AND an e-mail (facts.md §4 item 10).
        contact.append(Issue(BLOCKING, "consumer_care_incomplete"))
    food = []
    if facts.food:
        # FSSAI: every food business needs a 14-digit number on the pack and listing;
        # Legal Metrology Rule 6: best-before for perishables (audit 2026-11 §4).
        if not answers.get("fssai"):
            food.append(Issue(BLOCKING, "no_fssai"))
        if not answers.get("best_before"):
            food.append(Issue(BLOCKING, "no_best_before"))
        if not answers.get("veg") or not answers.get("ingredients"):
            food.append(Issue(BLOCKING, "no_food_label"))  # veg/non-veg mark, ingredients
    last = []
    if not answers.get("mrp"):
        last.append(Issue(BLOCKING, "no_mrp"))
    if gi is not None and answers.get("gi") != "yes":
        last.append(Issue(ADVICE, "gi_not_claimed", {"gi": gi.name}))
    all_caps = any(w.isupper() and len(w) > 3 for w in (answers.get("name") or "").split())
    sides = tuple(max(p.get("width") or 0, p.get("height") or 0) for p in facts.photos)
    problems = (facts.photos[0].get("problems") or []) if facts.photos else []
    main_photo = tuple(Issue(ADVICE, f"main_{code}")
                       for code in ("too_dark", "washed_out", "pale_on_white", "blurry")
                       if code in problems)
    return Found(tuple(lines), tuple(apparel), tuple(contact), tuple(food), tuple(last),
                 all_caps, sides, main_photo)


def check(draft: Draft, facts: ProductFacts) -> list[Issue]:
    """Every rule the draft still breaks, with its severity."""
    rules = draft.rules
    answers, photos, seller, gst = facts.answers, facts.photos, facts.seller, facts.gst
    issues: list[Issue] = []

    def add(severity: str, code: str, **params: Any) -> None:
        issues.append(Issue(severity, code, params))

    title = draft.title
    if not title:
        add(BLOCKING, "no_title")
    if _DEVANAGARI.search(title + " ".join(draft.bullets)):
        add(BLOCKING, "devanagari")  # cannot happen by construction; checked all the same
    if len(title) > rules.title_recommended_max:
        add(ADVICE, "title_long", length=len(title), limit=rules.title_recommended_max)
    any_forbidden = _title_cleaner(rules.key)[1]  # one search usually settles it
    if any_forbidden is not None and any_forbidden.search(facts.seller_words):
        for phrase in rules.forbidden_title_words:
            if _phrase(phrase).search(facts.seller_words):
                add(ADVICE, "promo_removed", phrase=phrase)
    found = facts.found
    if rules.no_all_caps and found.all_caps:
        add(ADVICE, "all_caps")
    words = [w.lower() for w in title.split()]
    repeated = sorted({w for w in words if words.count(w) > rules.max_word_repeats})
    if repeated:
        add(ADVICE, "repeated_words", words=", ".join(repeated), limit=rules.max_word_repeats)
    issues += found.lines
    if len(photos) < rules.min_images:
        add(BLOCKING if not photos else ADVICE, "few_photos", count=len(photos),
            minimum=rules.min_images)
    if photos:
        main, *rest = found.photo_sides
        if main < rules.image_min_px:
            add(BLOCKING, "photo_small", minimum=rules.image_min_px)
        elif main < rules.image_recommended_px:
            add(ADVICE, "photo_zoom", recommended=rules.image_recommended_px)
        if rules.main_image_white and "background_not_white" in (photos[0].get("problems")
                                                                  or []):
            # Blocking where the white main image is a sourced rule (C or L: Amazon.in).
            add(BLOCKING if rules.confidence_of("main_image_white") in ("C", "L") else ADVICE,
                "main_not_white")
        issues += found.main_photo
        others = [n for n, side in enumerate(rest, 2) if side < rules.image_min_px]
        if others:
            add(ADVICE, "photos_small", numbers=", ".join(map(str, others)),
                minimum=rules.image_min_px)
    required = set(rules.required_attributes)
    hsn_needed = "hsn" in required or ("hsn_with_gstin" in required and seller.gstin)
    if hsn_needed and not draft.attributes["HSN"]:
        add(BLOCKING, "no_hsn")
    if "package_weight" in required and answers.get("weight_g"):
        add(ADVICE, "package_weight", grams=answers["weight_g"])
    for attribute, column in _REQUIRED_COLUMNS.items():
        if attribute in required and not draft.attributes[column]:
            add(BLOCKING, "missing_attribute", attribute=column)
    issues += found.apparel_and_gst
    if rules.needs_gstin and not seller.gstin:
        issue = gst_identity_issue(rules, seller, exempt=gst is not None and gst.percent == 0)
        if issue is not None:
            add(*issue)
    if "brand" in required and not seller.business_name:
        add(ADVICE, "no_brand")
    if "gtin" in required:
        # Advice, not blocking: Walmart grants GTIN exemptions for handmade and private-label
        # items (Seller Center request, [wmgx] C, updated 6 Mar 2026).
        add(ADVICE, "needs_gtin")
    if "us_tax_form" in required or "tax_id" in required:
        # Asked at Walmart's onboarding, not per item: advice to have them ready [WMtax] C.
        add(ADVICE, "us_tax_form")
    issues += found.seller
    if not answers.get("packed"):
        # ONDC's packaged-commodities block requires it; elsewhere it goes on the pack only
        # (Rule 6(10) exempts it from the listing).
        required_here = "month_year_of_manufacture" in required
        add(BLOCKING if required_here else ADVICE,
            "no_manufacture_date" if required_here else "manufacture_date")
    issues += found.food
    if facts.food and not answers.get("nutrition"):
        # ONDC's prepackaged-food block carries it (ondcj): not sent empty there.
        add(BLOCKING if rules.key == "ondc" else ADVICE, "no_nutrition")
    issues += found.price_and_gi
    if rules.export_only:
        add(ADVICE, "export_only")
        if not answers.get("export_price"):
            add(BLOCKING, "no_export_price")  # dollars of its own, never the India price
    return issues


def gst_identity_issue(rules: Rules, seller: SellerFacts, *, exempt: bool
                       ) -> tuple[str, str] | None:
    """(severity, code) when a seller without a GSTIN may not be able to list here.

    Blocking only where the marketplace's rule is sourced (C or L in marketplaces.toml);
    where we found no source (U) the seller is told so, and whom to ask, as advice. Goods
    that are wholly GST-exempt need no GSTIN where the marketplace says so (Amazon.in: PAN
    and the exempt tax code [amzsc])."""
    if seller.enrolment_id and rules.accepts_enrolment_id:
        return None
    if exempt:
        if rules.exempt_goods_without_gstin:
            return ADVICE, "exempt_no_gstin"
        if rules.confidence_of("exempt_goods_without_gstin") == "U":
            return ADVICE, "exempt_unconfirmed"
    if seller.enrolment_id and rules.confidence_of("accepts_enrolment_id") == "U":
        return ADVICE, "eid_unconfirmed"
    return BLOCKING, "no_gstin" if not rules.accepts_enrolment_id else "no_gstin_or_eid"


def ondc_item(draft: Draft, answers: dict[str, Any], food: bool = False,
              care: str = "") -> dict[str, Any]:
    """The item in the ONDC retail catalogue's field names (facts.md §3, [ONDC]).

    Food also gets ``@ondc/org/statutory_reqs_prepackaged_food`` with the FSSAI number. It
    comes in addition to the packaged-commodities block, not instead of it: ONDC's RET10
    (grocery) rules require the packaged-commodities fields for every grocery category and
    the prepackaged-food fields for processed food (ondcr; the audit's "instead" was wrong).
    """
    a = draft.attributes
    item = {
        "descriptor": {"name": draft.title, "short_desc": draft.bullets[0] if draft.bullets
                       else draft.title, "long_desc": draft.description, "images": []},
        "quantity": {"unitized": {"measure": {"unit": "unit", "value": "1"}},
                     "available": {"count": a["Stock"] or "0"},
                     "maximum": {"count": a["Stock"] or "0"}},
        "price": {"currency": "INR", "value": a["Selling price (INR)"],
                  "maximum_value": a["MRP (INR, inclusive of all taxes)"]},
        "@ondc/org/returnable": True,
        "@ondc/org/cancellable": True,
        "@ondc/org/return_window": "P7D",
        "@ondc/org/seller_pickup_return": False,
        "@ondc/org/time_to_ship": "P2D",
        "@ondc/org/available_on_cod": False,
        # "name,email,phone", exactly in this format (ondcj, audit-2026-12 C1)
        "@ondc/org/contact_details_consumer_care": care,
        "@ondc/org/statutory_reqs_packaged_commodities": {
            "manufacturer_or_packer_name": a["Manufacturer / packer"],
            "manufacturer_or_packer_address": a["Manufacturer address"],
            "common_or_generic_name_of_commodity": a["Generic name"],
            "net_quantity_or_measure_of_commodity_in_pkg": a["Net quantity"],
            "month_year_of_manufacture_packing_import": a["Month and year of manufacture"],
            "imported_product_country_of_origin": "IND",
        },
        "tags": [{"code": "origin", "list": [{"code": "country", "value": "IND"}]}],
    }
    if food:
        item["@ondc/org/statutory_reqs_prepackaged_food"] = {
            "nutritional_info": a["Nutrition information"],
            "additives_info": "",
            "brand_owner_FSSAI_license_no": a["FSSAI licence no."],
            "other_FSSAI_license_no": "",
            "importer_FSSAI_license_no": "",
            "imported_product_country_of_origin": "IND",
        }
    return item
