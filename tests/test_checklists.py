"""Packing checklists and printable labels: the rules, the PDF, and a seller's conversation."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pdfminer.high_level import extract_pages, extract_text
from pdfminer.layout import LTChar, LTTextContainer

from bot.checklists import checklists, labels
from bot.checklists.checklists import DONE, NOT_NEEDED
from bot.checklists.texts import ITEM_TEXT
from bot.files import pdf
from bot.i18n import _, use_locale
from bot.listing.drafts import SellerFacts, product_facts, unit_sale_price
from bot.parsing.labels import (
    best_before_words,
    parse_best_before,
    parse_fssai,
    parse_month_year,
)
from bot.parsing.validators import Invalid
from tests.botkit import Bot, count_rows
from tests.scenarios import onboard

# The five products of the issue: category, district, export, answers.
VASE = ("glass_art_ware", "firozabad", False,
        {"name": "Glass vase", "size_dims": [20.0, 20.0, 30.0], "weight_g": 900, "mrp": "999"})
KURTA = ("chikankari_kurta", "lucknow", False,
         {"name": "Chikankari kurta", "garment_size": "M", "weight_g": 300, "mrp": "1899"})
ATTAR = ("attar", "kannauj", False,
         {"name": "Kannauj attar", "volume_ml": 10.0, "weight_g": 60, "mrp": "600"})
PETHA = ("amla_product", "agra", False,  # petha is candied gourd: the preserved-fruit category
         {"name": "Agra petha", "weight_g": 500, "mrp": "250"})
BOX = ("wooden_handicraft", "saharanpur", True,
       {"name": "Carved wooden box", "size_dims": [25.0, 15.0, 10.0], "weight_g": 700,
        "mrp": "1499"})

FRAGILE_ITEMS = {"wrap_each", "box_in_box", "drop_test", "fragile_sticker"}
TEXTILE_ITEMS = {"textile_fold"}
LIQUID_ITEMS = {"leak_proof"}
FOOD_ITEMS = {"food_grade", "fssai", "best_before"}
EXPORT_ITEMS = {"ispm15", "export_papers"}
EVERY_PRODUCT = {"plastic_rules", "epr", "legal_label", "invoice_slip", "weights",
                 "packing_video", "unboxing_video", "brand_name", "logo_label", "story_card"}


def _codes(product) -> set[str]:
    category, district, export, answers = product
    traits = checklists.traits_of({"category": category, **answers}, district, export)
    return {rule.code for rule in checklists.rules_for(traits)}


@pytest.mark.parametrize("product, wanted, unwanted", [
    (VASE, FRAGILE_ITEMS, TEXTILE_ITEMS | LIQUID_ITEMS | FOOD_ITEMS | EXPORT_ITEMS
     | {"unit_price", "dangerous_goods", "flash_point", "keep_dry", "heavy_box"}),
    (KURTA, TEXTILE_ITEMS | {"keep_dry"}, FRAGILE_ITEMS | LIQUID_ITEMS | FOOD_ITEMS
     | EXPORT_ITEMS | {"unit_price", "corner_guards"}),
    (ATTAR, LIQUID_ITEMS | {"flash_point", "unit_price"}, FRAGILE_ITEMS | TEXTILE_ITEMS
     | FOOD_ITEMS | EXPORT_ITEMS | {"dangerous_goods", "keep_dry"}),
    (PETHA, FOOD_ITEMS | {"unit_price"}, FRAGILE_ITEMS | TEXTILE_ITEMS | LIQUID_ITEMS
     | EXPORT_ITEMS | {"flash_point", "keep_dry", "gi_register"}),
    (BOX, {"ispm15", "export_papers", "keep_dry", "corner_guards"}, FRAGILE_ITEMS
     | TEXTILE_ITEMS | LIQUID_ITEMS | FOOD_ITEMS | {"unit_price", "anti_tarnish"}),
])
def test_each_product_gets_the_items_its_traits_call_for(product, wanted, unwanted) -> None:
    codes = _codes(product)
    assert wanted <= codes, wanted - codes
    assert not codes & unwanted, codes & unwanted
    assert codes >= EVERY_PRODUCT


def test_alcohol_perfume_is_dangerous_goods_and_oil_attar_is_checked() -> None:
    spray = ("perfume", "kannauj", False, {"volume_ml": 50.0, "mrp": "900"})
    assert {"dangerous_goods", "leak_proof"} <= _codes(spray)
    assert "flash_point" not in _codes(spray)
    assert "dangerous_goods" not in _codes(ATTAR)


def test_gi_items_follow_the_authorised_user_answer() -> None:
    category, district, export, answers = VASE
    assert "gi_register" in _codes(VASE) and "gi_logo" not in _codes(VASE)
    registered = (category, district, export, {**answers, "gi": "yes"})
    assert "gi_logo" in _codes(registered) and "gi_register" not in _codes(registered)
    elsewhere = (category, "agra", export, answers)  # no glass GI in Agra
    assert not {"gi_register", "gi_logo"} & _codes(elsewhere)


def test_size_weight_and_value_add_items() -> None:
    category, district, export, answers = BOX
    heavy = (category, district, False, {**answers, "weight_g": 8000, "mrp": "12000"})
    assert {"heavy_box", "tamper_proof"} <= _codes(heavy)
    assert "ispm15" not in _codes(heavy)  # not exporting
    bulky = (category, district, False, {**answers, "size_dims": [90.0, 40.0, 40.0]})
    assert "heavy_box" in _codes(bulky)
    assert not {"heavy_box", "tamper_proof"} & _codes(BOX)


def test_ticks_are_kept_where_the_item_still_applies() -> None:
    ticks = {"wrap_each": DONE, "plastic_rules": NOT_NEEDED}
    glass = checklists.traits_of({"category": "glass_art_ware"}, "agra", False)
    items = checklists.checklist(glass, ticks)
    assert checklists.progress(items).ticked == 2
    # Edited into a wooden box: the fragile item goes, the plastic tick stays.
    wood = checklists.traits_of({"category": "wooden_handicraft"}, "agra", False)
    items = checklists.checklist(wood, ticks)
    assert {i.code: i.state for i in items}["plastic_rules"] == NOT_NEEDED
    assert "wrap_each" not in {i.code for i in items}
    assert checklists.progress(items).ticked == 1


def test_parcel_estimate_uses_the_price_calculators_divisor() -> None:
    from bot.pricing import calculator

    traits = checklists.traits_of({"category": "glass_art_ware"}, None, False)
    parcel = checklists.parcel({"size_dims": [20, 20, 30], "weight_g": 900}, traits,
                               calculator.fee_tables())
    assert parcel.box_cm == (35, 35, 45)  # box in a box: ~15 cm more each way
    # 35 × 35 × 45 = 55,125 cm³: ÷ 5000 = 11.025 kg; ÷ 4000 = 13.78125 kg → 13,782 g
    assert parcel.by_divisor == ((5000, 11025, ("flipkart", "amazon", "walmart")),
                                 (4000, 13782, ("meesho", "ondc")))
    assert parcel.volumetric_g == 13782 and parcel.chargeable_g == 13782  # the pessimistic
    assert checklists.parcel({"weight_g": 900}, traits, calculator.fee_tables()) is None


# ---------------------------------------------------------------- label content

SELLER = SellerFacts(name="Sunita Devi", business_name="Prajapati Glass Works",
                     district_code="firozabad", address="12 Gandhi Road, Firozabad 283203",
                     phone="+919876543210", email="sunita@example.com", gstin=None,
                     enrolment_id=None)


def _facts(product, seller=SELLER):
    category, _district, _export, answers = product
    return product_facts({"category": category, "handmade": "yes", **answers}, [], seller)


def test_label_values_are_parsed_as_in_the_wizard() -> None:
    """The label form and the wizard read month, best-before and FSSAI the same way."""
    today = date(2026, 11, 28)
    assert parse_month_year("11/2026", today) == "2026-11"
    assert parse_month_year("३/२६", today) == "2026-03"
    assert parse_month_year("Nov 2026", today) == "2026-11"
    assert parse_month_year("नवंबर 2026", today) == "2026-11"
    for bad in ("12/2026", "13/2025", "soon", "1/2001"):
        with pytest.raises(Invalid):
            parse_month_year(bad, today)
    assert parse_best_before("6 months") == "6m"
    assert parse_best_before("15 दिन") == "15d"
    assert parse_best_before("05/2030") == "2030-05"
    assert best_before_words("2030-05") == "05/2030"
    assert parse_fssai("1234 5678 9012 34") == "12345678901234"
    with pytest.raises(Invalid):
        parse_fssai("12345")


def test_label_refused_until_every_declaration_has_a_value() -> None:
    no_address = SellerFacts(**{**SELLER.__dict__, "address": None})
    label = labels.legal_label(_facts(VASE, no_address), {})
    assert set(label.missing) == {"address", "month_year"}
    with pytest.raises(labels.MissingFields) as refused:
        labels.legal_box(label, hindi=True)
    assert set(refused.value.codes) == {"address", "month_year"}
    label = labels.legal_label(_facts(VASE), {"month_year": "2026-11"})
    assert label.complete
    assert label.values["mrp"] == "₹999.00"
    assert "unit_price" not in label.values  # one piece: MRP is the unit price
    food = labels.legal_label(_facts(PETHA), {"month_year": "2026-11"})
    # Issue 18 item 7: the full food label (FSS Labelling and Display Regs 2020 [fmt20]).
    assert set(food.missing) == {"best_before", "fssai", "veg_mark", "ingredients", "lot"}
    petha = (PETHA[0], PETHA[1], PETHA[2],
             {**PETHA[3], "veg": "veg", "ingredients": "ash gourd, sugar"})
    food = labels.legal_label(_facts(petha), {"month_year": "2026-11", "fssai": "1" * 14,
                                              "best_before": "15d", "lot": "B-1126"})
    assert food.complete and food.values["unit_price"] == "Rs. 0.50 per g"
    assert food.values["veg_mark"] == "Vegetarian (green dot)"
    assert food.values["ingredients"] == "ash gourd, sugar"
    assert food.values["lot"] == "B-1126" and "nutrition" not in food.values
    with_facts = labels.legal_label(_facts((*petha[:3], {**petha[3], "nutrition": "Energy "
                                                         "320 kcal"})), {
        "month_year": "2026-11", "fssai": "1" * 14, "best_before": "15d", "lot": "B-1126"})
    assert with_facts.values["nutrition"] == "Energy 320 kcal"
    # Consumer care: a phone and an e-mail both (r.6(1), facts.md §4 item 10).
    no_email = SellerFacts(**{**SELLER.__dict__, "email": None})
    assert "consumer_care" in labels.legal_label(_facts(VASE, no_email),
                                                 {"month_year": "2026-11"}).missing
    attar = labels.legal_label(_facts(ATTAR), {"month_year": "2026-10"})
    assert attar.values["unit_price"] == "Rs. 60.00 per ml"
    assert attar.values["net_quantity"] == "10 ml"
    assert "dimensions" not in attar.values and "dimensions" not in label.values
    durrie = labels.legal_label(product_facts(
        {"category": "durrie", "size_dims": [150, 90], "mrp": "2200"}, [], SELLER),
        {"month_year": "2026-10"})
    assert durrie.values["dimensions"] == "150 x 90 cm"


def _glyphs(data: bytes) -> list[LTChar]:
    """Every glyph pdfminer reads, in order (a shaped conjunct is one glyph)."""
    out: list[LTChar] = []

    def walk(node):
        if isinstance(node, LTChar):
            out.append(node)
        elif hasattr(node, "__iter__"):
            for child in node:
                walk(child)

    for page in extract_pages(io.BytesIO(data)):
        for element in page:
            if isinstance(element, LTTextContainer):
                walk(element)
    return out


def _glyph_texts(data: bytes) -> list[str]:
    return [glyph.get_text() for glyph in _glyphs(data)]


def _text(data: bytes) -> str:
    # Glyphs after the first of a shaped cluster carry no text of their own ("(cid:N)"):
    # the cluster's text is on its first glyph (fpdf2 #1187).
    # Lines are joined: a long value wraps inside its label.
    return " ".join(re.sub(r"\(cid:\d+\)", "", extract_text(io.BytesIO(data))).split())


def test_label_sheet_pdf_holds_every_declaration_in_shaped_devanagari() -> None:
    label = labels.legal_label(_facts(ATTAR), {"month_year": "2026-10"})
    data = pdf.sheet(labels.legal_box(label, hindi=True), 8)
    assert data.startswith(b"%PDF") and len(data) < 200_000
    text = _text(data)
    for english, hindi in labels.CAPTIONS.values():
        if english in ("Best before", "FSSAI Lic./Reg. No.", "Dimensions", "Food type",
                       "Ingredients", "Nutrition information", "Lot/Batch No."):
            continue  # food and textiles only
        assert text.count(english) == 8, english  # every copy on the sheet
        assert hindi in text, hindi
    for value in ("Prajapati Glass Works, 12 Gandhi Road, Firozabad 283203", "Attar (perfume oil)",
                  "10 ml", "₹600.00", "(incl. of all taxes)", "(सभी करों सहित)",
                  "Rs. 60.00 per ml", "10/2026", "+919876543210, sunita@example.com", "India"):
        assert value in text, value
    # Shaping is on: conjuncts and the pre-base i-matra come out as one glyph per cluster
    # (unshaped text would give क ् ष and न ि as separate glyphs).
    glyphs = _glyph_texts(data)
    assert "त्र" in glyphs or "त्रा" in glyphs  # मात्रा
    assert any(g.startswith("नि") for g in glyphs)  # निर्माता
    assert "्" not in glyphs  # no loose virama anywhere


def test_sticker_and_story_card() -> None:
    sticker = pdf.sheet(labels.fragile_box(), 4)
    text = _text(sticker)
    for english, hindi in labels.FRAGILE_LINES:
        assert text.count(english) == 4 and hindi in text
    card = labels.story(_facts(VASE), "सुनीता देवी", "glassware", None)
    assert card.heading == "Prajapati Glass Works"
    assert "Handmade in Firozabad, Uttar Pradesh, India." in card.english
    assert "glassware" in card.english.lower()
    assert "फ़िरोज़ाबाद" in card.hindi or "फिरोजाबाद" in card.hindi
    assert "GI" not in card.english  # not claimed: not an authorised user
    assert "generations" not in card.english  # a claim the seller never made
    hinglish = labels.story(_facts(VASE), "सुनीता देवी", "other", "jhilmil wala kaam")
    assert "jhilmil" not in hinglish.english and "jhilmil" not in hinglish.hindi
    claimed = labels.story(product_facts({"category": "glass_art_ware", "handmade": "yes",
                                          "gi": "yes", "name": "Glass vase"}, [], SELLER),
                           "सुनीता देवी", "glassware", None)
    assert "authorised user of the Firozabad Glass" in claimed.english
    story_pdf = pdf.sheet(labels.story_box(card), 4)
    assert "Thank you for choosing handmade." in _text(story_pdf)
    assert "धन्यवाद" in _text(story_pdf)
    single = pdf.single(labels.fragile_box(), 105, 74)
    assert _text(single).count("FRAGILE") == 1


# ---------------------------------------------------------------- the conversation

def _data(chat, suffix: str) -> str:
    for _label, data in reversed(chat.buttons()):
        if data.endswith(suffix):
            return data
    raise AssertionError(f"no button ending {suffix!r}: {chat.buttons()}")


async def set_district(chat, district: str) -> None:
    await chat.send("/profile")
    await chat.press_data(_data(chat, "|e|district"))
    await chat.send(district)
    await chat.press("⭐")
    await chat.press_data(_data(chat, "|ok|"))


async def describe(chat, category: str, steps: list) -> None:
    """The wizard, answered in order: text to type, or ("c", field, value) to press."""
    await chat.send("/newproduct")
    await chat.send(category)  # a category key is accepted as typed
    for step in steps:
        if isinstance(step, tuple):
            await chat.press_data(_data(chat, f"|{step[1]}|c|{step[2]}"))
        else:
            await chat.send(step)
    if any("|packed|" in data for _l, data in chat.buttons()):
        await chat.press_data(_data(chat, "|packed|s|"))  # month of packing: asked on the label
    for field in ("fssai", "best_before"):  # food: skipped here, asked for the label
        if any(f"|{field}|" in data for _l, data in chat.buttons()):
            await chat.press_data(_data(chat, f"|{field}|s|"))
    if any("|veg|" in data for _l, data in chat.buttons()):  # food: the product's label facts
        await chat.press_data(_data(chat, "|veg|c|veg"))
        await chat.send("ash gourd, sugar")
        await chat.press_data(_data(chat, "|nutrition|s|"))
    await chat.press_data(_data(chat, "|handmade|c|yes"))
    if any("|gi|" in data for _l, data in chat.buttons()):
        await chat.press_data(_data(chat, "|gi|c|no"))
    await chat.press_data(_data(chat, "|care|s|"))
    await chat.press_data(_data(chat, "|features|s|"))
    await chat.press_data(_data(chat, "|photos|s|"))
    await chat.press_data(_data(chat, "|ok|"))


VASE_STEPS = ["Glass vase", "glass", "blue", "20x20x30", "900 g", "850", "999", "10"]


@pytest.mark.db
async def test_vase_checklist_ticks_survive_a_restart_and_the_label_is_made(settings) -> None:
    async with Bot(settings) as bot:
        chat = await onboard(bot)
        await set_district(chat, "Firozabad")
        await describe(chat, "glass_art_ware", VASE_STEPS)
        screen = await chat.press("📦 Packing")
        assert "Packing checklist: Glass vase" in screen.text
        assert "0 of 15 done" in screen.text
        labels_shown = [label for label, _d in chat.buttons()]
        assert "⬜ Wrap each piece" in labels_shown and "⬜ Drop test" in labels_shown
        assert not any("Fold with tissue" in b or "Leak-proof" in b or "ISPM" in b
                       for b in labels_shown)
        screen = await chat.press("Box inside a box")
        assert "5-ply" in screen.text and "15 cm bigger" in screen.text
        screen = await chat.press("✅ Done")
        assert screen.notice == "Saved ✓" and "1 of 15 done" in screen.text
        await chat.press("Unboxing video")
        screen = await chat.press("➖ Not needed")
        assert "2 of 15 done" in screen.text
        screen = await chat.press("Parcel weight")
        assert "35 × 35 × 45" in screen.text and "11,025 g" in screen.text
        assert "💰 Price calculator" in [label for label, _d in chat.buttons()]
    async with Bot(settings) as bot:  # the next day
        chat = bot.chat()
        await chat.send("/products")
        await chat.press("📦 Glass vase")
        screen = await chat.press("📦 Packing")
        assert "2 of 15 done" in screen.text
        labels_shown = [label for label, _d in chat.buttons()]
        assert "✅ Box inside a box" in labels_shown
        assert "➖ Unboxing video" in labels_shown
        screen = await chat.press("Box inside a box")
        screen = await chat.press("↩ Mark as open")
        assert "1 of 15 done" in screen.text

        # The label: refused while the address is missing, asked, then made.
        await chat.press("🖨 Labels")
        screen = await chat.press("Legal label (MRP)")
        assert "cannot be printed" in screen.text and "maker's address" in screen.text
        assert "month and year" in screen.text
        screen = await chat.send("13/2026")
        assert "for example: 11/2026" in screen.text
        screen = await chat.send("11/2026" if date.today() >= date(2026, 11, 1) else
                                 date.today().strftime("%m/%Y"))
        assert "address" in screen.text
        screen = await chat.send("12 Gandhi Road, Firozabad 283203")
        await chat.press("English + Hindi")
        screen = await chat.press("8 per A4 sheet")
        (name, data), = screen.documents
        assert name.endswith(".pdf") and "8 on one A4 sheet" in screen.text
        text = _text(data)
        assert text.count("MRP") == 8 and "₹999.00" in text and "शुद्ध मात्रा" in text
        assert "12 Gandhi Road, Firozabad 283203" in text
        assert "Banaras Silk House" in text  # the maker, from the profile
        # Fragile sticker and story card from the labels menu.
        await chat.send("/products")
        await chat.press("📦 Glass vase")
        await chat.press("📦 Packing")
        await chat.press("🖨 Labels")
        screen = await chat.press("Fragile sticker")
        assert "FRAGILE" in _text(screen.documents[0][1])
        await chat.press("◀ Checklist")
        await chat.press("🖨 Labels")
        screen = await chat.press("Maker's story card")
        assert "Handmade in Firozabad" in screen.text and "हाथ से" in screen.text
        assert not screen.documents  # a preview of both sides before anything prints
        screen = await chat.press("Print the card")
        assert screen.documents and screen.documents[0][0].startswith("haat-story")
        screen = await chat.press("◀ Checklist")
        # legal label, sticker and story card were ticked by making them
        assert "4 of 15 done" in screen.text
        # The second label offers last time's month.
        await chat.press("🖨 Labels")
        screen = await chat.press("Legal label (MRP)")
        assert "Same as last time" in str(chat.buttons())
    assert count_rows(settings.database_url, "product_checklists") == 1
    async with Bot(settings) as bot:  # /delete takes the checklist with it
        chat = bot.chat()
        await chat.send("/delete")
        await chat.press("Yes, delete all")
    assert count_rows(settings.database_url, "product_checklists") == 0


async def test_hindi_attar_checklist_and_refusal(sqlite_settings) -> None:
    async with Bot(sqlite_settings) as bot:
        chat = await onboard(bot, language="हिन्दी")
        await set_district(chat, "कन्नौज")
        await describe(chat, "attar", ["कन्नौज इत्र", "गुलाब तेल", "सुनहरा", "10 ml", "60 g",
                                       "500", "600", "20"])
        with use_locale("hi"):
            screen = await chat.press(_("📦 Packing"))
            assert _("📦 Packing checklist: {name}").format(name="कन्नौज इत्र") in screen.text
            shown = [label for label, _d in chat.buttons()]
            assert "⬜ " + _("Leak-proof bottle") in shown
            assert "⬜ " + _("Check the flash point") in shown
            assert "⬜ " + _("Unit sale price") in shown
            assert "⬜ " + _("Wrap each piece") not in shown
            assert "⬜ " + _("GI authorised user") in shown  # Kannauj Perfume
            screen = await chat.press(_("Leak-proof bottle"))
            assert _("Why:") in screen.text
            screen = await chat.press(_("✅ Done"))
            assert _("{done} of {total} done").format(done=1, total=14) in screen.text
            await chat.press(_("🖨 Labels"))
            assert _("⚠️ Fragile sticker") not in str(chat.buttons())
            screen = await chat.press(_("🏷 Legal label (MRP)"))
            assert _("maker's address") in screen.text
            await chat.send("10/2026")
            await chat.send("१२ गांधी रोड, वाराणसी २२१००१")
            await chat.press(_("English only"))
            screen = await chat.press(_("One per page"))
            text = _text(screen.documents[0][1])
            assert "Rs. 60.00 per ml" in text and "निर्माता" not in text


def _coloured_pixels(data: bytes, colour: tuple[int, int, int]) -> tuple[int, int]:
    """How many pixels of about ``colour`` the first page has, and the top-most one's row."""
    import pypdfium2 as pdfium

    image = pdfium.PdfDocument(data)[0].render(scale=2).to_pil().convert("RGB")
    found = [(y, x) for y in range(image.height) for x in range(0, image.width, 2)
             if all(abs(a - b) < 30 for a, b in zip(image.getpixel((x, y)), colour,
                                                     strict=True))]
    return len(found), min(found)[0] if found else -1


def test_food_label_draws_the_veg_mark_and_leaves_the_fssai_logo_to_the_printer() -> None:
    """FSS (Labelling and Display) Regulations 2020 reg. 5(4): a green filled circle in a
    green square (veg), a brown filled triangle in a brown square (non-veg), near the name;
    the FSSAI logo with the number [ifl17], which the bot cannot print (no official file)."""
    petha = (PETHA[0], PETHA[1], PETHA[2],
             {**PETHA[3], "veg": "veg", "ingredients": "ash gourd, sugar"})
    stored = {"month_year": "2026-11", "fssai": "1" * 14, "best_before": "15d", "lot": "B-1"}
    veg = labels.legal_label(_facts(petha), stored)
    assert veg.complete and veg.food_mark == "veg" and veg.printer_adds == ("fssai_logo",)
    box = labels.legal_box(veg, hindi=False)
    assert box.food_mark == "veg"
    fssai_line = next(line for line in box.lines if "FSSAI" in line.text)
    assert fssai_line.text == "FSSAI Lic./Reg. No.: 11111111111111" and fssai_line.bold
    data = pdf.single(box, *pdf.size_of(8))
    green, top = _coloured_pixels(data, pdf.FOOD_MARKS["veg"])
    assert green > 200 and top < 40  # drawn, at the top beside the name
    assert _coloured_pixels(data, pdf.FOOD_MARKS["nonveg"])[0] == 0
    nonveg = labels.legal_label(_facts((*petha[:3], {**petha[3], "veg": "nonveg"})), stored)
    assert nonveg.values["veg_mark"] == "Non-vegetarian (brown triangle)"
    data = pdf.single(labels.legal_box(nonveg, hindi=True), *pdf.size_of(8))
    assert _coloured_pixels(data, pdf.FOOD_MARKS["nonveg"])[0] > 100
    # Not food: no mark, nothing for the printer to add.
    vase = labels.legal_label(_facts(VASE), {"month_year": "2026-11"})
    assert vase.food_mark is None and vase.printer_adds == ()
    assert labels.legal_box(vase, hindi=False).food_mark is None


async def test_food_label_asks_fssai_and_best_before(sqlite_settings) -> None:
    async with Bot(sqlite_settings) as bot:
        chat = await onboard(bot)
        await describe(chat, "amla_product", ["Agra petha", "ash gourd", "white", "500 g",
                                              "200", "250", "40"])
        screen = await chat.press("📦 Packing")
        shown = str(chat.buttons())
        assert "FSSAI number" in shown and "Best before" in shown
        await chat.press("🖨 Labels")
        screen = await chat.press("Legal label (MRP)")
        assert "FSSAI number" in screen.text and "best before" in screen.text
        assert "lot or batch number" in screen.text
        await chat.send("10/2026")
        await chat.send("12 Gandhi Road, Agra 282001")
        screen = await chat.send("12345")
        assert "14 digits" in screen.text
        await chat.send("12345678901234")
        await chat.send("15 days")
        await chat.send("B-1126")
        await chat.press("English + Hindi")
        screen = await chat.press("4 per A4 sheet")
        text = _text(screen.documents[0][1])
        assert text.count("12345678901234") == 4 and text.count("FSSAI Lic./Reg. No.") == 4
        assert "15 days from packing" in text and "Rs. 0.50 per g" in text
        assert "Vegetarian (green dot)" in text and "B-1126" in text
        # The FSSAI logo: not printed (the bot has no official file), and said so plainly.
        said = screen.text
        assert "not complete yet: it has no FSSAI logo" in said
        assert "Ask your printer to add the FSSAI logo next to your FSSAI number" in said
        screen = await chat.press("◀ Checklist")
        assert "⬜ Legal label (MRP)" in str(chat.buttons())  # not ticked for food


async def test_export_box_and_the_packaging_step(sqlite_settings) -> None:
    async with Bot(sqlite_settings) as bot:
        chat = await onboard(bot, export="Yes, I want to export")
        await set_district(chat, "Saharanpur")
        screen = await chat.send("/steps")
        screen = await chat.press("Packaging")
        screen = await chat.press("📦 Packing checklists")
        assert "Add a product first" in screen.text
        await describe(chat, "wooden_handicraft", ["Carved wooden box", "sheesham wood",
                                                   "brown", "25x15x10", "700 g", "1200",
                                                   "1499", "5"])
        await chat.send("/steps")
        await chat.press("Packaging")
        screen = await chat.press("📦 Packing checklists")
        # The progress moved from the button (too long for a phone's row) to the text.
        assert "Carved wooden box · 0 of 15 done" in screen.text
        assert "📦 Carved wooden box" in str(chat.buttons())
        # "Your first listing" opens the products, where a new one starts.
        await chat.send("/steps")
        await chat.press("Your first listing")
        screen = await chat.press("📦 My products")
        assert "Carved wooden box" in screen.text and "➕ New product" in str(chat.buttons())
        await chat.send("/steps")
        await chat.press("Packaging")
        await chat.press("📦 Packing checklists")
        screen = await chat.press("Carved wooden box")
        screen = await chat.press("Wooden crate?")
        assert "IPPC" in screen.text and "Plywood" in screen.text
        await chat.press("✅ Done")
        # Editing the product so that it is heavy adds items and keeps the tick.
        await chat.press("◀ Back to product")
        await chat.press("✏️ Edit")
        await chat.press("✏️ Weight")
        await chat.send("8 kg")
        while not any(d.endswith("|ok|") for _l, d in chat.buttons()):
            await chat.press("Skip")  # optional answers left empty are offered again
        await chat.press_data(_data(chat, "|ok|"))
        screen = await chat.press("📦 Packing")
        assert "1 of 16 done" in screen.text
        assert "⬜ Heavy or big parcel" in str(chat.buttons())
        assert "✅ Wooden crate?" in str(chat.buttons())
        screen = await chat.send("/mydata")
        assert b'"ispm15": "done"' in screen.documents[0][1]


async def test_a_crafted_item_or_someone_elses_product_is_refused(sqlite_settings) -> None:
    from bot.checklists.buttons import ChecklistAction

    async with Bot(sqlite_settings) as bot:
        chat = await onboard(bot)
        await describe(chat, "glass_art_ware", VASE_STEPS)
        screen = await chat.press("📦 Packing")
        data = next(d for _l, d in chat.buttons() if d.startswith("ck|"))
        product_id = int(data.split("|")[1])
        screen = await chat.press_data(ChecklistAction(product_id, DONE, "ispm15").pack())
        assert screen.notice == "This button no longer works."
        other = await onboard(bot, user_id=5550002)
        screen = await other.press_data(ChecklistAction(product_id, "show", "-").pack())
        assert screen.notice == "This product no longer exists."
        screen = await other.press_data(ChecklistAction(product_id, "legal", "-").pack())
        assert screen.notice == "This product no longer exists."


async def test_terminal_chat_saves_the_sticker_in_its_folder(sqlite_settings, tmp_path) -> None:
    from bot.cli.chat import USER, TerminalChat
    from tests.test_cli import newest_button

    async with Bot(sqlite_settings) as bot:  # the seller and the vase, as on Telegram
        chat = await onboard(bot, user_id=USER["id"])
        await describe(chat, "glass_art_ware", VASE_STEPS)
    out = io.StringIO()
    terminal = TerminalChat(sqlite_settings, out=out, files_dir=tmp_path / "labels")
    async with terminal.app:
        await terminal.app.start()
        try:
            await terminal.send("/products")
            for label in ("📦 Glass vase", "📦 Packing", "🖨 Labels", "Fragile sticker"):
                await terminal.send(newest_button(out.getvalue(), label))
            await terminal.send(newest_button(out.getvalue(), "Checklist"))
            await terminal.send(newest_button(out.getvalue(), "🖨 Labels"))
            await terminal.send(newest_button(out.getvalue(), "Fragile sticker"))
        finally:
            await terminal.app.stop()
    saved = sorted(p.name for p in (tmp_path / "labels").iterdir())
    assert saved == ["haat-fragile-1-2.pdf", "haat-fragile-1.pdf"]  # nothing overwritten
    assert f"saved to {tmp_path / 'labels' / 'haat-fragile-1.pdf'}" in out.getvalue()
    assert "FRAGILE" in _text((tmp_path / "labels" / "haat-fragile-1.pdf").read_bytes())


def test_long_text_shrinks_to_stay_inside_its_label() -> None:
    # Every field at the longest the bot accepts (address 300, business name 100, name 120).
    address = ("Gali number 4, near the old Shiv temple, behind the glass market, " * 5)[:284]
    seller = SellerFacts(**{**SELLER.__dict__, "address": address + "Firozabad 283203",
                            "business_name": "Prajapati Glass Works and Sons " * 3 + "Ltd",
                            "email": "prajapati.glass.works.firozabad.orders" * 3 + "@x.in"})
    category, district, export, answers = VASE
    label = labels.legal_label(_facts((category, district, export, {
        **answers, "name": "Hand blown glass flower vase with gold paint " * 2}), seller),
        {"month_year": "2026-11"})
    box = labels.legal_box(label, hindi=True)
    # ... and twice as many declarations again, which no label has: still inside.
    box = pdf.Box(box.lines + box.lines[1:])
    data = pdf.sheet(box, 8)
    width, height = pdf.size_of(8)
    page_height = pdf.A4[1] * 72 / 25.4
    mm = 25.4 / 72
    cells: dict[tuple[int, int], list[str]] = {}
    for char in _glyphs(data):  # each glyph in the label its middle falls in
        middle_y = (page_height - (char.y0 + char.y1) / 2) * mm
        middle_x = (char.x0 + char.x1) / 2 * mm
        cells.setdefault((int(middle_y // height), int(middle_x // width)), []).append(
            char.get_text())
    assert len(cells) == 8
    for text in cells.values():  # text that ran over would land in the next label
        joined = "".join(text)
        assert joined.replace(" ", "").count("Countryoforigin") == 2, joined
    assert "Firozabad 283203" in _text(data)


async def test_cancelling_the_label_form_makes_no_label(sqlite_settings) -> None:
    async with Bot(sqlite_settings) as bot:
        chat = await onboard(bot)
        await describe(chat, "glass_art_ware", VASE_STEPS)
        await chat.press("📦 Packing")
        await chat.press("🖨 Labels")
        await chat.press("Legal label (MRP)")
        screen = await chat.send("/cancel")
        assert not screen.documents  # Cancel asks first (issue 7)
        screen = await chat.press_data(_data(chat, "|xs|"))
        assert "No label made" in screen.text and not screen.documents


def test_a_hindi_label_also_prints_the_maker_as_typed() -> None:
    typed = SellerFacts(**{**SELLER.__dict__, "business_name": "प्रजापति ग्लास वर्क्स",
                           "address": "12 गांधी रोड, फ़िरोज़ाबाद 283203"})
    label = labels.legal_label(_facts(VASE, typed), {"month_year": "2026-11"})
    hindi = _text(pdf.single(labels.legal_box(label, hindi=True), 105, 74))
    assert "निर्माता व पैकर: प्रजापति ग्लास वर्क्स, 12 गांधी रोड, फ़िरोज़ाबाद 283203" in hindi
    english = _text(pdf.single(labels.legal_box(label, hindi=False), 105, 74))
    assert "गांधी" not in english
    latin = labels.legal_label(_facts(VASE), {"month_year": "2026-11"})
    assert latin.maker_as_typed is None  # typed in English: nothing to add


def test_worn_textiles_are_trade_mark_class_25() -> None:
    """Issue 18 item 9: shawls, saris and garments are worn: Nice class 25, not 24 (fabric
    by the piece and household linen stay 24)."""
    from bot.checklists.checklists import nice_class

    for key in ("handloom_shawl", "silk_saree", "handloom_saree", "kurta", "chikankari_kurta",
                "shirt", "footwear"):
        assert nice_class(key).number == 25, key
    for key in ("handloom_fabric", "chikankari_fabric", "block_print_fabric", "bedsheet",
                "cushion_cover"):
        assert nice_class(key).number == 24, key


# Categories with no Nice class row: the checklist says "ask your facilitator". A new
# category must be put in nice_classes.csv (with its source) or here.
NO_NICE_CLASS = {"aluminium_art_ware", "iron_art_ware", "bamboo_cane_furniture",
                 "carved_stone", "stone_inlay", "horn_bone_article", "zardozi_article",
                 "patchwork_article", "jute_wall_hanging", "banana_fibre_article", "clay_idol",
                 "tharu_embroidery", "deity_poshak", "kanthi_mala", "other_handmade"}


def test_every_category_has_a_sourced_nice_class_or_asks() -> None:
    """Issue 18 item 9: the class map is data with a source per row; L rows follow the
    domain facts §7 list; the rest are U and shown as not confirmed."""
    from bot.reference import categories, trademarks

    keys = {c.key for c in categories.categories()}
    listed = {row.category_key for row in trademarks.rows()}
    assert listed | NO_NICE_CLASS == keys and not listed & NO_NICE_CLASS
    facts_7 = {3: "attar", 6: "locks", 14: "jewellery", 15: "dholak", 16: "paper",
               18: "leather bags", 20: "wooden", 21: "glass", 24: "fabrics", 25: "garments",
               27: "carpets", 28: "toys", 30: "rice"}
    for row in trademarks.rows():
        assert row.source and row.as_of, row
        if row.confidence == "L":
            assert "facts.md §7" in row.source and facts_7[row.number] in row.source, row
        else:
            assert row.confidence == "U" and "verify" in row.source, row
    assert trademarks.nice_class("attar").number == 3
    assert trademarks.nice_class("lock").number == 6
    assert trademarks.nice_class("durrie").number == 27
    assert trademarks.nice_class("shehnai").confidence == "U"


def test_unit_price_examples_are_what_the_label_prints() -> None:
    """Issue 18 items 6 and 12: every worked example in the unit-price item is the label's
    own arithmetic (r.6(11): per g, not per 100 g; per m; per piece for a set)."""
    how = ITEM_TEXT["unit_price"][2]
    examples = [({"mrp": "300", "volume_ml": 10}, "ml", "₹30.00 per ml"),
                ({"mrp": "250", "weight_g": 500}, "g", "₹0.50 per g"),
                ({"mrp": "1000", "fabric_length": 2.5}, "piece", "₹400.00 per m"),
                ({"mrp": "240", "pieces": 12}, "set", "₹20.00 per piece")]
    for answers, unit, shown in examples:
        assert unit_sale_price(answers, unit) == shown.replace("₹", "Rs. ")
        assert shown in how
    assert "100 g" not in how and "12 N" in how
    codes = {rule.code for rule in checklists.rules_for(checklists.traits_of(
        {"category": "glass_bangles"}, None, False))}
    assert "unit_price" in codes
    assert "unit_price" in {rule.code for rule in checklists.rules_for(checklists.traits_of(
        {"category": "handloom_fabric"}, None, False))}


def test_ispm15_asks_about_the_packing_not_the_product() -> None:
    """Issue 18 item 10 (audit-2026-12 S3, [ppq][gsp]): ISPM-15 is about solid-wood packing.
    Every exporter is asked; a wooden product in a carton is told it does not need it."""
    category, district, _export, answers = VASE  # glass, not wood, light
    assert "ispm15" in _codes((category, district, True, answers))
    assert "ispm15" not in _codes((category, district, False, answers))
    title, why, how = ITEM_TEXT["ispm15"]
    assert len(title) <= 20 and "crate" in title.lower()
    assert "A wooden product in a carton does not need it." in why
    assert "Not needed" in how and "Plywood, MDF and cardboard are exempt." in how


def test_story_card_agrees_with_a_plural_product() -> None:
    """Issue 24: "This Glass Bangles was made for you" reads "These … were"."""
    assert labels._agreeing("Glass Bangles") == ("These", "are", "were")
    assert labels._agreeing("Glass Vase") == ("This", "is", "was")
    assert labels._agreeing("Brass") == ("This", "is", "was")
    facts = product_facts({"category": "glass_art_ware", "handmade": "yes",
                           "name": "कांच की चूड़ियाँ"}, [], SELLER)
    card = labels.story(facts, "शबनम", "glassware", None)
    assert "These Glass Bangles were made for you." in card.english
