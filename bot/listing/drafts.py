"""Marketplace listing drafts from one product's answers.

Everything a draft says is English (what marketplaces need): the seller's Hindi words go
through the craft glossary, and words it does not know are transliterated and flagged.
The rules each draft is checked against live in ``bot/reference/data/marketplaces.toml`` with their
sources; every rule a draft still breaks is listed as blocking or advice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from bot.parsing.labels import best_before_english, show_month_year
from bot.reference import categories, glossary
from bot.reference import districts as reference
from bot.reference.gi import gi_for
from bot.reference.marketplaces import Rules, all_rules
from bot.templates import render

BLOCKING, ADVICE = "blocking", "advice"
_DEVANAGARI = re.compile(r"[\u0900-\u097F]")
_EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F]")
_URLISH = re.compile(r"(https?://|www\.|@[a-z0-9-]+\.|\b\d{10}\b)", re.I)


@dataclass(frozen=True)
class Issue:
    severity: str  # blocking | advice
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
    unknown_words: tuple[str, ...]
    ondc: dict[str, Any] | None = None
    food: bool = False

    @property
    def blocking(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == BLOCKING]

    def text(self) -> str:
        return render(f"drafts/{self.marketplace}.txt", draft=self)


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


@lru_cache(maxsize=256)
def _phrase(phrase: str) -> re.Pattern[str]:
    """A forbidden phrase as whole words: "offer" must not eat "Offering"."""
    return re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", re.I)


@lru_cache(maxsize=4096)
def english(text: str | None) -> glossary.Translation:
    # Cached: brand, material and colour words repeat across a seller's products.
    return glossary.to_english(text or "")


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
    if size := answers.get("garment_size"):
        return "Free Size" if size == "free" else f"Size {size}"
    if length := answers.get("saree_length"):
        return f"{length:g} m"
    if volume := answers.get("volume_ml"):
        return f"{volume:g} ml"
    return ""


def _net_quantity(answers: dict[str, Any], unit: str) -> str:
    if volume := answers.get("volume_ml"):
        return f"{volume:g} ml"
    if unit == "g" and answers.get("weight_g"):
        return f"{answers['weight_g']} g"
    return {"pair": "1 pair", "set": "1 set"}.get(unit, "1 N (one piece)")


def unit_sale_price(answers: dict[str, Any], unit: str) -> str:
    """Legal Metrology unit sale price for goods sold by weight or volume (in force 1 Jan
    2024, facts.md §4 [fert][pcr24] C): per g or ml up to 1 kg or 1 l, per kg or l above.
    A single piece needs none (its MRP is its unit price)."""
    mrp = Decimal(str(answers.get("mrp") or 0))
    if unit == "ml":
        quantity, small, big = answers.get("volume_ml"), "ml", "l"
    elif unit == "g":
        quantity, small, big = answers.get("weight_g"), "g", "kg"
    else:
        return ""
    if not quantity or mrp <= 0:
        return ""
    quantity = Decimal(str(quantity))
    if quantity >= 1000:  # 1 kg or more: per kg (or l)
        return f"Rs. {mrp * 1000 / quantity:.2f} per {big}"
    return f"Rs. {mrp / quantity:.2f} per {small}"


def _clean_title(title: str, rules: Rules) -> str:
    for ch in rules.forbidden_title_chars:
        title = title.replace(ch, " ")
    for phrase in rules.forbidden_title_words:
        title = _phrase(phrase).sub(" ", title)
    title = _EMOJI.sub(" ", title)
    return re.sub(r"\s+", " ", title).strip(" -,")


def _latin_word(word: str) -> str:
    """One word of a name or address in Latin letters: a district's own English name
    where it is one (मुरादाबाद → Moradabad), else a transliteration."""
    if not _DEVANAGARI.search(word):
        return word
    core = word.strip(",.;:")
    district = reference.district_named(core) if core else None
    latin = district.name_en if district else glossary.transliterate(core)
    return word.replace(core, latin) if core else word


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
    seller_words: str  # the seller's own name/material/colour, in English
    gst: Any
    gi: Any
    gi_claim: bool
    food: bool = False  # FSSAI number and best-before required; ONDC prepackaged_food block


def product_facts(answers: dict[str, Any], photos: list[dict[str, Any]],
                  seller: SellerFacts) -> ProductFacts:
    category = categories.category(answers.get("category") or "")
    unknown: list[str] = []

    def en(text: str | None) -> str:
        translation = english(text)
        unknown.extend(translation.unknown)
        return translation.text

    def own(text: str | None) -> str:
        """Free sentences in English stay as typed; Hindi ones are translated."""
        return en(text) if text and _DEVANAGARI.search(text) else (text or "")

    def name_of(text: str | None) -> str:
        """Names and addresses are never translated ("Peetal Ghar" is a brand), only
        written in Latin letters."""
        if not text or not _DEVANAGARI.search(text):
            return text or ""
        return " ".join(_latin_word(w) for w in text.split())

    brand = name_of(seller.business_name)
    product = en(answers.get("name"))
    material = en(answers.get("materials"))
    colour = en(answers.get("colours"))
    size = _size_text(answers)
    district = reference.district(seller.district_code or "")
    gi = gi_for(seller.district_code, category.craft_key if category else None,
                category.key if category else None)
    gi_claim = gi is not None and answers.get("gi") == "yes"
    handmade = answers.get("handmade") == "yes"
    pieces = {"brand": title_case(brand), "product": title_case(product),
              "material": title_case(material) if material.lower() not in product.lower()
              else "", "colour": title_case(colour), "size": size, "pack": "",
              "gi": gi.name if gi_claim else "", "handmade": "Handmade" if handmade else ""}

    bullets = [own(item) for item in answers.get("features") or []]
    bullets = [b[:1].upper() + b[1:] for b in bullets if b]
    made_in = f"{district.name_en}, Uttar Pradesh, India" if district else "India"
    bullets.append(f"Handmade by artisans in {made_in}" if handmade else f"Made in {made_in}")
    if material:
        bullets.append(f"Material: {title_case(material)}")
    if size:
        bullets.append(f"Size: {size}")
    if care := answers.get("care"):
        bullets.append(f"Care: {own(care)}")
    lines = [f"- {b}" for b in bullets]
    if gi_claim:
        lines.insert(0, f"Made by a registered authorised user of the {gi.name} "
                        f"geographical indication.")
    body = "\n".join(lines)

    price = Decimal(str(answers.get("price") or 0))
    gst = categories.gst_for(category, price) if category else None
    food = category is not None and "food" in category.traits
    manufacturer = seller.business_name or seller.name
    attributes = {
        "Brand": pieces["brand"] or "Generic",
        "Product type": category.name_en if category else "",
        "Generic name": category.generic_name_en if category else "",
        "Material": title_case(material),
        "Colour": title_case(colour),
        "Size": size,
        "Weight (g)": str(answers.get("weight_g") or ""),
        "Selling price (INR)": str(answers.get("price") or ""),
        "MRP (INR, inclusive of all taxes)": str(answers.get("mrp") or ""),
        "Stock": str(answers.get("stock") if answers.get("stock") is not None else ""),
        "HSN": gst.hsn if gst else "",
        "GST %": f"{gst.percent:g}" if gst else "",
        "Handmade": "Yes" if handmade else "No",
        "Country of origin": "India",
        "Manufacturer / packer": name_of(manufacturer),
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
        "GSTIN": seller.gstin or "",
        "GST enrolment ID": seller.enrolment_id or "",
        "GSTIN or enrolment ID": seller.gstin or seller.enrolment_id or "",
        "Images": str(len(photos)),
    }
    return ProductFacts(answers, photos, seller, pieces, bullets, body, attributes,
                        tuple(dict.fromkeys(unknown)), f"{product} {material} {colour}",
                        gst, gi, gi_claim, food)


def draft_for(facts: ProductFacts, marketplace: str) -> Draft:
    rules = all_rules()[marketplace]
    parts = [facts.pieces.get(key, "") for key in rules.title_order]
    title = fit_words([_clean_title(p, rules) for p in parts if p], rules.title_max)
    bullets = [b[: rules.bullet_max_len] for b in facts.bullets][: rules.bullets_max]
    description = f"{title}.\n{facts.body}" if title else facts.body
    if len(description) > rules.description_max:
        description = fit_words([description], rules.description_max)
    draft = Draft(marketplace, rules, title, bullets, description, facts.attributes, [],
                  facts.unknown, food=facts.food)
    draft.issues = check(draft, facts)
    if marketplace == "ondc":
        draft.ondc = ondc_item(draft, facts.answers, food=facts.food)
    return draft


def build(answers: dict[str, Any], photos: list[dict[str, Any]], seller: SellerFacts,
          marketplace: str) -> Draft:
    return draft_for(product_facts(answers, photos, seller), marketplace)


def check(draft: Draft, facts: ProductFacts) -> list[Issue]:
    """Every rule the draft still breaks, with its severity."""
    rules = draft.rules
    answers, photos, seller, gst, gi = (facts.answers, facts.photos, facts.seller, facts.gst,
                                        facts.gi)
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
    for phrase in rules.forbidden_title_words:
        if _phrase(phrase).search(facts.seller_words):
            add(ADVICE, "promo_removed", phrase=phrase)
    if rules.no_all_caps and any(w.isupper() and len(w) > 3 for w in
                                 (answers.get("name") or "").split()):
        add(ADVICE, "all_caps")
    words = [w.lower() for w in title.split()]
    repeated = sorted({w for w in words if words.count(w) > rules.max_word_repeats})
    if repeated:
        add(ADVICE, "repeated_words", words=", ".join(repeated), limit=rules.max_word_repeats)
    for feature in answers.get("features") or []:
        if _URLISH.search(feature) or _EMOJI.search(feature):
            add(ADVICE, "feature_contact_or_emoji")
            break
    if draft.unknown_words:
        add(ADVICE, "check_words", words=", ".join(draft.unknown_words))
    if len(photos) < rules.min_images:
        add(BLOCKING if not photos else ADVICE, "few_photos", count=len(photos),
            minimum=rules.min_images)
    if photos:
        main = photos[0]
        if max(main.get("width") or 0, main.get("height") or 0) < rules.image_min_px:
            add(BLOCKING, "photo_small", minimum=rules.image_min_px)
        elif max(main.get("width") or 0, main.get("height") or 0) < rules.image_recommended_px:
            add(ADVICE, "photo_zoom", recommended=rules.image_recommended_px)
        if rules.main_image_white and "background_not_white" in (main.get("problems") or []):
            add(ADVICE, "main_not_white")
    required = set(rules.required_attributes)
    hsn_needed = "hsn" in required or ("hsn_with_gstin" in required and seller.gstin)
    if hsn_needed and not draft.attributes["HSN"]:
        add(BLOCKING, "no_hsn")
    if "package_weight" in required and answers.get("weight_g"):
        add(ADVICE, "package_weight", grams=answers["weight_g"])
    if gst is not None:
        add(ADVICE, "confirm_gst", hsn=gst.hsn, percent=f"{gst.percent:g}")
    if rules.needs_gstin and not seller.gstin:
        if rules.accepts_enrolment_id and seller.enrolment_id:
            pass
        else:
            add(BLOCKING, "no_gstin" if not rules.accepts_enrolment_id else "no_gstin_or_eid")
    if "brand" in required and not seller.business_name:
        add(ADVICE, "no_brand")
    if "gtin" in required:
        # Advice, not blocking: Walmart grants GTIN exemptions for handmade and private-label
        # items (Seller Center request, [wmgx] C, updated 6 Mar 2026).
        add(ADVICE, "needs_gtin")
    if not seller.address:
        add(BLOCKING, "no_address")
    if not seller.phone and not seller.email:
        add(BLOCKING, "no_consumer_care")
    if not answers.get("packed"):
        # ONDC's packaged-commodities block requires it; elsewhere it goes on the pack only
        # (Rule 6(10) exempts it from the listing).
        required_here = "month_year_of_manufacture" in required
        add(BLOCKING if required_here else ADVICE,
            "no_manufacture_date" if required_here else "manufacture_date")
    if facts.food:
        # FSSAI: every food business needs a 14-digit number on the pack and listing;
        # Legal Metrology Rule 6: best-before for perishables (audit 2026-11 §4).
        if not answers.get("fssai"):
            add(BLOCKING, "no_fssai")
        if not answers.get("best_before"):
            add(BLOCKING, "no_best_before")
    if not answers.get("mrp"):
        add(BLOCKING, "no_mrp")
    if gi is not None and answers.get("gi") != "yes":
        add(ADVICE, "gi_not_claimed", gi=gi.name)
    if rules.export_only:
        add(ADVICE, "export_only")
    return issues


def ondc_item(draft: Draft, answers: dict[str, Any], food: bool = False) -> dict[str, Any]:
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
        "@ondc/org/contact_details_consumer_care": a["Consumer care"],
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
            "nutritional_info": "",
            "additives_info": "",
            "brand_owner_FSSAI_license_no": a["FSSAI licence no."],
            "other_FSSAI_license_no": "",
            "importer_FSSAI_license_no": "",
            "imported_product_country_of_origin": "IND",
        }
    return item
