"""Issue 24 §1: a product in a choice of colours gets a variant row per colour, and with
sizes one per size in each colour, in the drafts and the upload spreadsheet; the colours
may be typed in Hindi or English."""

from __future__ import annotations

import pytest

from bot.listing import drafts, export, variants
from bot.parsing.validators import Invalid
from tests import images
from tests.botkit import Bot
from tests.listing.test_walks import _rows, title_limit
from tests.scenarios import button_data, onboard, skip_if_asked

KURTA = {"category": "kurta", "name": "Chikankari kurta", "materials": "cotton",
         "colours": "लाल और नीला", "colour_choice": "each", "garment_size": ["S", "M"]}

_SELLER = drafts.SellerFacts("Asha", "Asha Chikan", "lucknow", "Chowk, Lucknow 226003",
                             "9876543210", "a@example.com", None, None)


def test_colours_are_read_in_either_script() -> None:
    assert variants.colours_in("लाल, नीला और हरा") == (["Red", "Blue", "Green"], [])
    assert variants.colours_in("sky blue & navy blue") == (["Sky Blue", "Navy Blue"], [])
    # An unknown word, one colour or a multicolour look: no choice offered.
    assert variants.colour_options({"colours": "लाल, चमकीला"}) == []
    assert variants.colour_options({"colours": "red"}) == []
    assert variants.colour_options({"colours": "रंग-बिरंगा, लाल"}) == []


def test_stock_per_size_in_each_colour() -> None:
    stock = variants.parse_colour_stock("S लाल 2 नीला 3, M red 4 blue ०", KURTA)
    assert stock == {"S|Red": 2, "S|Blue": 3, "M|Red": 4, "M|Blue": 0}
    with pytest.raises(Invalid, match="M Red, M Blue"):
        variants.parse_colour_stock("S लाल 2 नीला 3", KURTA)  # M not given
    one = {**KURTA, "garment_size": [], "category": "brass_art_ware"}
    assert variants.parse_colour_stock("लाल 5, नीला 3", one) == {"Red": 5, "Blue": 3}


def test_a_row_per_size_in_each_colour_with_its_own_title() -> None:
    answers = {**KURTA, "colour_stock": {"S|Red": 2, "S|Blue": 3, "M|Red": 4, "M|Blue": 1},
               "size_chart": {"S": [36, 27], "M": [38, 28]}, "price": "900", "mrp": "1200"}
    draft = drafts.build(answers, [], _SELLER, "flipkart")
    titles = [title for _v, title in draft.variant_titles()]
    assert [t.rsplit(" - ", 2)[1:] for t in titles] == [
        ["Red", "S"], ["Blue", "S"], ["Red", "M"], ["Blue", "M"]]
    assert all("Red Blue" not in t and "Blue - Red" not in t for t in titles)
    assert draft.attributes["Stock"] == "10"
    assert draft.attributes["Colour"] == "Red, Blue"  # the choice, not one "Red Blue"
    assert draft.attributes["Stock per size"] == "S: 5; M: 5"
    rows = export.rows(draft, "HAAT-1")
    at = {c: i for i, c in enumerate(export.base_columns("flipkart"))}
    assert [(r[at["Colour"]], r[at["Size"]], r[at["Stock"]]) for r in rows] == [
        ("Red", "S", "2"), ("Blue", "S", "3"), ("Red", "M", "4"), ("Blue", "M", "1")]
    assert [r[at["Seller SKU"]] for r in rows][0] == "HAAT-1-Red-S"
    assert "each is its own row" in draft.text()


def test_all_on_one_piece_is_one_row() -> None:
    answers = {**KURTA, "colour_choice": variants.ONE, "garment_size": ["M"],
               "size_stock": {"M": 4}}
    assert variants.of(answers) == []
    assert drafts.build(answers, [], _SELLER, "amazon").variants == []


@pytest.mark.db
async def test_kurta_in_two_colours_and_two_sizes(settings) -> None:
    async with Bot(settings) as bot:
        chat = await onboard(bot)
        await chat.send("/newproduct")
        await chat.send("Kurta / kurti")
        for answer in ("Chikankari kurta", "cotton", "लाल और नीला"):
            await chat.send(answer)
        await chat.press_data(button_data(chat, "|colour_choice|c|each"))
        for size in ("S", "M"):
            await chat.press_data(button_data(chat, f"|garment_size|t|{size}"))
        await chat.press("✔")
        await chat.send("S 36 27, M 38 28")
        for field, value in (("gender", "Women"), ("sleeve", "3/4 sleeve"),
                             ("neck", "Round neck"), ("pattern", "Embroidered")):
            await chat.press_data(button_data(chat, f"|{field}|c|{value}"))
        for answer in ("300 g", "1200", "1499"):
            await chat.send(answer)
        screen = await chat.send("S red 2 blue 3, M लाल 4 नीला 1")
        assert "S Red 2, S Blue 3, M Red 4, M Blue 1" in screen.text
        await skip_if_asked(chat, "packed")
        await chat.press_data(button_data(chat, "|handmade|c|yes"))
        if "|gi|" in "".join(d for _l, d in chat.buttons()):
            await chat.press_data(button_data(chat, "|gi|c|no"))
        await chat.press("✔")  # care
        await chat.press("✔")  # features
        await chat.send_picture(images.good())
        review = await chat.press("✔")
        # The review names the choice once; the colours are their own line.
        assert "Colour choice: Buyer picks one" in review.text, review.text
        assert review.text.count("Red") == 2, review.text  # the colours and the stock
        card = await chat.press("✅ Save")
        assert "· 1 photo\n" in card.text, card.text  # one photo, not "1 photos"
        await chat.press("📝 Drafts")
        await chat.send("12 Chowk, Lucknow 226003")
        await chat.press("📝 All of them")
        screen = await chat.press("📊 Spreadsheet")
        files = dict(screen.documents)
        for sheet in ("Flipkart", "Amazon.in", "Meesho", "ONDC"):
            rows = _rows(files["haat-listings.xlsx"], sheet)
            names = export.ONDC_COLUMNS if sheet == "ONDC" else {}
            size, colour, stock = (names.get(c, c) for c in ("Size", "Colour", "Stock"))
            assert [(r[size], r[colour], r[stock]) for r in rows] == [
                ("S", "Red", 2), ("S", "Blue", 3), ("M", "Red", 4), ("M", "Blue", 1)], sheet
            for row in rows:
                title = row.get("Title") or row["productName"]
                assert len(title) <= title_limit(sheet), (sheet, title)
                assert title.split(" - ")[-2:] in (["Red", row["Size"]],
                                                   ["Blue", row["Size"]]), title
