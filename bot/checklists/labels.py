"""What goes on a product's printed labels: pure content, no Turn.

**Legal Metrology label** (Packaged Commodities Rules 2011, rule 6; facts.md §4, audit §4):
maker and address, generic name, net quantity in its unit, MRP "(incl. of all taxes)",
month and year of manufacture, unit sale price for goods sold by ml or g, consumer care,
country of origin; for food also the FSSAI number and best-before. A value that is
missing is reported by code (``MISSING_*``), never printed blank: ``legal_box`` refuses.
The label is in English (what inspectors and buyers across India read), with the Hindi
caption beside each English one when the seller wants it. Values are printed as the
seller typed them, with names and addresses in Latin letters (``drafts.product_facts``);
a Hindi label also prints the maker and address as typed when that is Devanagari.

**Fragile sticker** (ISO 780 marks, English and Hindi) and the **maker's story card**
(drafted from the profile in English and Hindi) are content for ``bot.files.pdf`` too.
The printed Hindi is fixed text, not the interface language, so it lives here and not in
the catalogs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from bot.files.pdf import Box, Line
from bot.listing.drafts import ProductFacts, unit_sale_price
from bot.parsing.labels import best_before_words, show_month_year
from bot.reference import categories, glossary, phrases
from bot.reference import districts as reference

# Declarations, in print order: code -> (English caption, Hindi caption).
CAPTIONS = {
    "manufacturer": ("Manufactured & packed by", "निर्माता व पैकर"),
    "generic_name": ("Commodity", "वस्तु का नाम"),
    "net_quantity": ("Net quantity", "शुद्ध मात्रा"),
    "dimensions": ("Dimensions", "माप"),
    "mrp": ("MRP", "अधिकतम खुदरा मूल्य"),
    "unit_price": ("Unit sale price", "इकाई बिक्री मूल्य"),
    "month_year": ("Month & year of manufacture", "निर्माण का माह व वर्ष"),
    "best_before": ("Best before", "इससे पहले उपयोग करें"),
    "fssai": ("FSSAI Lic./Reg. No.", "FSSAI लाइसेंस/पंजीकरण सं."),
    "veg_mark": ("Food type", "खाद्य प्रकार"),
    "ingredients": ("Ingredients", "सामग्री"),
    "nutrition": ("Nutrition information", "पोषण जानकारी"),
    "lot": ("Lot/Batch No.", "लॉट/बैच सं."),
    "consumer_care": ("Consumer care", "उपभोक्ता सहायता"),
    "origin": ("Country of origin", "मूल देश"),
}
INCL_TAXES = ("(incl. of all taxes)", "(सभी करों सहित)")
# Asked by the label form (month/year every time); the others need a profile or product edit.
ASKED = ("address", "month_year", "fssai", "best_before", "lot")
PROFILE_FIELDS = ("manufacturer", "consumer_care")
PRODUCT_FIELDS = ("generic_name", "net_quantity", "mrp", "veg_mark", "ingredients")
# FSS (Labelling and Display) Regulations 2020 [fmt20]; lot number [afbl] (audit-2026-12
# L2). The symbol itself is drawn beside the name (bot.files.pdf.FOOD_MARKS); since the
# 2020 regulations the non-veg symbol is a brown triangle, no longer a dot [bwc20].
VEG_MARK = {"veg": ("Vegetarian (green dot)", "शाकाहारी (हरा निशान)"),
            "nonveg": ("Non-vegetarian (brown triangle)", "मांसाहारी (भूरा त्रिकोण)")}
# What a food label needs that the bot cannot print right: the FSSAI logo. FSSAI's order of
# 10 Feb 2017 wants the logo with the 14-digit licence or registration number on the
# principal display panel, in a colour that contrasts with the pack [ifl17]; the logo is
# FSSAI's own artwork, which the bot does not have (nothing is downloaded, and a drawn copy
# would be a fake). So the number is printed, bold, and the seller is told that her printer
# must add the logo next to it (bot/checklists/printables.py).
PRINTER_ADDS_FOR_FOOD = ("fssai_logo",)
# Sources (found with the search tool's stored pages, December 2026):
# ifl17  https://ifoodlegal.blogspot.com/search/label/fssai%20logo%20and%20license%20number
#        (FSSAI order of 10 Feb 2017: logo and 14-digit number on the principal display
#        panel, any colour contrasting with the pack); L, one secondary source
# leap20 https://leap.unep.org/en/countries/in/national-legislation/food-safety-and-standards-labelling-and-display-regulations-2020
#        (FAOLEX: reg. 5 lists "FSSAI logo and license number" among the declarations); C
# bwc20  https://bwcindia.org/Web/Awareness/LearnAbout/VegandNon-VegSymbols.html (reg. 5(4)
#        quoted: brown filled triangle / green filled circle, each in a square); L

FRAGILE_LINES = (
    ("FRAGILE", "नाज़ुक"),
    ("HANDLE WITH CARE", "सावधानी से उठाएँ"),
    ("THIS SIDE UP", "यह सिरा ऊपर"),
    ("KEEP DRY", "सूखा रखें"),
)

_DEVANAGARI = re.compile("[\u0900-\u097F]")


class MissingFields(Exception):
    """The label cannot be printed: these declarations have no value yet."""

    def __init__(self, codes: tuple[str, ...]):
        super().__init__(", ".join(codes))
        self.codes = codes


# ---------------------------------------------------------------- the Legal Metrology label

def _money(value: Decimal) -> str:
    return f"₹{value:,.2f}"


def _decimal(value: Any) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() and number > 0 else None


@dataclass(frozen=True)
class LegalLabel:
    title: str  # the product, in English
    values: dict[str, str]  # declaration code -> value, in CAPTIONS order
    missing: tuple[str, ...]  # codes with no value yet ("address" for the maker's)
    # The maker and address as typed, when that is Devanagari: printed beside the Latin
    # letters on a Hindi label, so the seller can check a transliteration.
    maker_as_typed: str | None = None
    food_mark: str | None = None  # "veg" / "nonveg": the symbol drawn beside the name
    # What the bot cannot print and a printer must add before the pack is sold (food:
    # the FSSAI logo). The label prints without it; the seller is told.
    printer_adds: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        return not self.missing


def legal_label(facts: ProductFacts, label: dict[str, Any]) -> LegalLabel:
    """The declarations for one product from its facts and the stored label facts."""
    answers, attributes = facts.answers, facts.attributes
    category = categories.category(answers.get("category") or "")
    food = category is not None and "food" in category.traits
    values: dict[str, str] = {}
    missing: list[str] = []

    maker, address = attributes.get("Manufacturer / packer"), attributes.get(
        "Manufacturer address")
    if not maker:
        missing.append("manufacturer")
    if not address:
        missing.append("address")
    if maker and address:
        values["manufacturer"] = f"{maker}, {address}"
    for code, key in (("generic_name", "Generic name"), ("net_quantity", "Net quantity")):
        if attributes.get(key):
            values[code] = attributes[key]
        else:
            missing.append(code)
    # "Dimensions, where relevant": for carpets, fabric and other textiles sold by size.
    dims = answers.get("size_dims")
    if category is not None and "textile" in category.traits and dims:
        values["dimensions"] = " x ".join(f"{float(d):g}" for d in dims) + " cm"
    mrp = _decimal(answers.get("mrp"))
    if mrp is None:
        missing.append("mrp")
    else:
        values["mrp"] = _money(mrp)
        # The same unit sale price as the listing drafts state (one rule, in drafts.py).
        if per := unit_sale_price(answers, category.unit if category else "piece"):
            values["unit_price"] = per
    # Asked for the label, or answered in the wizard already (month packed, FSSAI, best
    # before); all stored in bot.parsing.labels' canonical forms.
    stored = {"month_year": label.get("month_year") or answers.get("packed"),
              "fssai": label.get("fssai") or answers.get("fssai"),
              "best_before": label.get("best_before") or answers.get("best_before"),
              "lot": label.get("lot"), "veg_mark": answers.get("veg"),
              "ingredients": answers.get("ingredients"), "nutrition": answers.get("nutrition")}
    shown = {"month_year": show_month_year, "fssai": str, "best_before": best_before_words,
             "lot": str, "veg_mark": lambda v: VEG_MARK[v][0], "ingredients": str}
    food_codes = ["best_before", "fssai", "veg_mark", "ingredients", "lot"]
    for code in ["month_year"] + (food_codes if food else []):
        if stored.get(code) and (code != "veg_mark" or stored[code] in VEG_MARK):
            values[code] = shown[code](stored[code])
        else:
            missing.append(code)
    if food and stored["nutrition"]:
        values["nutrition"] = stored["nutrition"]  # exempt foods may have none (L2)
    # r.6(1): phone and e-mail both (facts.md §4 item 10).
    seller = facts.seller
    if seller.phone and seller.email:
        values["consumer_care"] = attributes["Consumer care"]
    else:
        missing.append("consumer_care")
    values["origin"] = "India"
    ordered = {code: values[code] for code in CAPTIONS if code in values}
    title = facts.pieces.get("product") or (category.name_en if category else "")
    typed = ", ".join(filter(None, [seller.business_name or seller.name, seller.address]))
    as_typed = typed if _DEVANAGARI.search(typed) and "manufacturer" in ordered else None
    mark = stored["veg_mark"] if food and stored["veg_mark"] in VEG_MARK else None
    return LegalLabel(title, ordered, tuple(missing), as_typed, mark,
                      PRINTER_ADDS_FOR_FOOD if food else ())


def legal_box(label: LegalLabel, hindi: bool) -> Box:
    """The printable label; ``MissingFields`` while a declaration has no value."""
    if not label.complete:
        raise MissingFields(label.missing)
    lines = [Line(label.title, 10.5, bold=True)] if label.title else []
    for code, value in label.values.items():
        english, devanagari = CAPTIONS[code]
        caption = f"{english} / {devanagari}" if hindi else english
        if code == "mrp":
            taxes = f"{INCL_TAXES[0]} {INCL_TAXES[1]}" if hindi else INCL_TAXES[0]
            lines.append(Line(f"{caption}: {value} {taxes}", 10, bold=True))
        elif code == "fssai":  # bold: it goes with the logo the printer adds [ifl17]
            lines.append(Line(f"{caption}: {value}", 9.5, bold=True))
        else:
            lines.append(Line(f"{caption}: {value}", 8.5))
        if code == "manufacturer" and hindi and label.maker_as_typed:
            lines.append(Line(f"{CAPTIONS[code][1]}: {label.maker_as_typed}", 8.5))
    return Box(tuple(lines), food_mark=label.food_mark if label.title else None)


def fragile_box() -> Box:
    lines = []
    for i, (english, hindi) in enumerate(FRAGILE_LINES):
        size = 22 if i == 0 else 13
        lines.append(Line(english, size, bold=True, align="C", space_before=1.5 if i else 0))
        lines.append(Line(hindi, size * 0.9, bold=True, align="C"))
    return Box(tuple(lines), symbols=("fragile", "up", "dry"), border=True)


# ---------------------------------------------------------------- the maker's story card

@dataclass(frozen=True)
class Story:
    heading: str  # the brand or the maker's name, as typed
    english: str
    hindi: str


def _craft_names(craft_key: str | None, craft_text: str | None) -> tuple[str, str]:
    """The craft in English (the glossary's craft name, or the seller's own words when
    every one is known) and in Hindi (Devanagari only); "" where it cannot be said right,
    never raw Hinglish such as "kaanch ki chudiyan"."""
    craft = reference.craft(craft_key or "")
    if craft and craft.key != reference.OTHER_CRAFT:
        return craft.name_en.lower(), craft.name_hi
    text = (craft_text or "").strip()
    if not text:
        return "", ""
    english = glossary.to_english(text)
    known = not english.unknown and not (phrases.is_hinglish(text) and english.kept)
    return (english.text.lower() if known else "",
            text if _DEVANAGARI.search(text) else "")


def _agreeing(noun: str) -> tuple[str, str, str]:
    """"This … is/was" or "These … are/were": "These Glass Bangles were made for you",
    "This Glass Vase is made of glass" (a plural noun ends in s, not in ss/us/is)."""
    words = noun.split()
    last = words[-1].lower() if words else ""
    if last.endswith("s") and not last.endswith(("ss", "us", "is")):
        return "These", "are", "were"
    return "This", "is", "was"


def story(facts: ProductFacts, seller_name: str, craft_key: str | None,
          craft_text: str | None) -> Story:
    """A short card for the parcel or the listing: who made it, where, how; GI only when
    the seller is a registered authorised user (an unregistered claim is not allowed)."""
    seller = facts.seller
    district = reference.district(seller.district_code or "")
    with glossary.extra(seller.terms):  # the district's reviewed words, as the drafts
        craft_en, craft_hi = _craft_names(craft_key, craft_text)
    place_en = f"{district.name_en}, Uttar Pradesh" if district else "Uttar Pradesh"
    place_hi = f"{district.name_hi}, उत्तर प्रदेश" if district else "उत्तर प्रदेश"
    maker_en = facts.attributes.get("Manufacturer / packer") or "our workshop"
    handmade = facts.answers.get("handmade") == "yes"
    product_en = facts.pieces.get("product") or "piece"
    material_en = facts.pieces.get("material") or ""
    name_hi = facts.answers.get("name") or ""
    material_hi = facts.answers.get("materials") or ""

    # Only what the seller said (her craft, her district, handmade or not): no claims of
    # tradition or generations she never made.
    en = [f"{'Handmade' if handmade else 'Made'} in {place_en}, India."]
    hi = [f"{place_hi}, भारत में {'हाथ से ' if handmade else ''}बना।"]
    if craft_en:
        en.append(f"{maker_en} makes {craft_en} in {place_en.split(',')[0]}"
                  + (" by hand." if handmade else "."))
    if craft_hi:
        hi.append(f"{seller_name or seller.business_name or ''} {place_hi.split(',')[0]} में "
                  f"{'हाथ से ' if handmade else ''}{craft_hi} बनाते हैं।".strip())
    this, is_, was = _agreeing(product_en)
    en.append(f"{this} {product_en}" + (f" {is_} made of {material_en.lower()}." if material_en
                                         else f" {was} made for you."))
    if name_hi:
        hi.append(f"यह {name_hi}" + (f" {material_hi} से बना है।" if material_hi
                                    else " आपके लिए बनाया गया है।"))
    if facts.gi_claim and facts.gi is not None:
        en.append(f"Made by a registered authorised user of the {facts.gi.name} "
                  f"geographical indication (GI).")
        hi.append(f"{facts.gi.name} भौगोलिक संकेत (GI) के पंजीकृत अधिकृत उपयोगकर्ता "
                  f"द्वारा बनाया गया।")
    if handmade:
        en.append("Each piece is made by hand, so small differences are part of its beauty.")
        hi.append("हर पीस हाथ से बनता है, इसलिए छोटे-छोटे अंतर इसकी सुंदरता हैं।")
    en.append("Thank you for choosing handmade.")
    hi.append("हाथ का बना सामान चुनने के लिए धन्यवाद।")
    heading = seller.business_name or seller_name or maker_en
    return Story(heading, " ".join(en), " ".join(hi))


def story_box(card: Story) -> Box:
    return Box((Line(card.heading, 14, bold=True, align="C"),
                Line(card.english, 10, space_before=2),
                Line(card.hindi, 10, space_before=3)), border=True)
