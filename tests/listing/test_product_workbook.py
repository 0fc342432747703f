"""The marketplaces' upload workbook, written by the one XLSX writer
(``bot.files.spreadsheet``, XlsxWriter) and read back with openpyxl: notes on every header,
dropdowns on enumerated columns, mandatory headers marked, frozen SKU columns, numbers as
numbers, and nothing a seller typed ever becoming a formula."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from bot.files import spreadsheet
from bot.files.spreadsheet import Column, Table
from bot.listing import export
from bot.listing.drafts import product_facts
from tests.listing.test_drafts import ANSWERS, GOOD_PHOTO, SELLER

ROOT = Path(__file__).resolve().parents[2]
INJECTION = '=HYPERLINK("http://evil.example/x","Click me")'


def _book(products: list[tuple[str, dict]], streamed: bool) -> object:
    """``streamed``: as a large export is written (constant_memory), or in memory as a
    seller's own few products are."""
    facts = [(sku, product_facts(answers, [GOOD_PHOTO] * 4, SELLER)) for sku, answers in products]
    return load_workbook(io.BytesIO(export.workbook(
        {key: export.drafts_of(facts, key)
         for key in ("flipkart", "amazon", "meesho", "ondc", "walmart")}, streamed=streamed)))


def _validations(sheet) -> dict[str, str]:
    """Column letter -> the dropdown's source (formula1) for every list validation."""
    return {str(v.sqref).split(":")[0].rstrip("0123456789"): v.formula1
            for v in sheet.data_validations.dataValidation if v.type == "list"}


def test_one_xlsx_writer_is_left() -> None:
    assert not (ROOT / "bot" / "files" / "xlsx.py").exists()
    users = [p.relative_to(ROOT) for folder in ("bot", "handlers")
             for p in (ROOT / folder).rglob("*.py")
             if "xlsxwriter" in p.read_text() or "zipfile" in p.read_text()]
    # bot/runtime/delivery.py zips photos and bot/web/kit.py a CSV per marketplace into one
    # download (not spreadsheets); only spreadsheet.py writes XLSX.
    assert sorted(map(str, users)) == ["bot/files/spreadsheet.py", "bot/runtime/delivery.py",
                                       "bot/web/kit.py"]


@pytest.mark.parametrize("streamed", [True, False])
def test_every_header_has_a_note_and_enumerated_columns_a_dropdown(streamed: bool) -> None:
    book = _book([("HAAT-1", ANSWERS), ("HAAT-2", ANSWERS | {"handmade": "no"})], streamed)
    for sheet in (book[name] for name in ("Flipkart", "Amazon.in", "Meesho", "ONDC", "Walmart")):
        header = [c.value for c in sheet[1]]
        key = "walmart" if sheet.title == "Walmart" else "flipkart"
        assert len(header) == len(export.base_columns(key))
        for i, name in enumerate(header, start=1):
            note = sheet.cell(1, i).comment
            assert note is not None and note.text.strip(), (sheet.title, name)
            assert ("Mandatory" in note.text) == name.endswith(" *"), (sheet.title, name)
        # By the English column (the ONDC sheet names its columns as ONDC seller apps do).
        letter = {name: get_column_letter(i)
                  for i, name in enumerate(export.base_columns(key), start=1)}
        dropdowns = _validations(sheet)
        assert sheet.freeze_panes == "C2"  # SKU and parent SKU stay in view
        if key == "walmart":
            continue  # Walmart's item set-up columns: no Indian ones, no such dropdowns
        assert dropdowns[letter["Handmade"]] == '"Yes,No"'
        assert dropdowns[letter["Gender"]].startswith('"Women,Men')
        assert "18" in dropdowns[letter["GST %"]]
        # Too long to write inline: the product types are read from the hidden sheet.
        product_type = dropdowns[letter["Product type"]]
        assert product_type.startswith("'lists'!$A$1:$A$")
        assert letter["Title"] not in dropdowns and letter["Description"] not in dropdowns
        assert sheet.freeze_panes == "C2"  # SKU and parent SKU stay in view
        assert sheet.cell(2, 1).value == "HAAT-1"
    lists = book["lists"]
    assert lists.sheet_state == "hidden"
    types = [row[0] for row in lists.iter_rows(values_only=True) if row[0]]
    assert "Brass artware" in types or len(types) > 20
    flipkart = book["Flipkart"]
    header = [c.value for c in flipkart[1]]
    title = flipkart.cell(1, header.index("Title *") + 1)
    assert title.font.b and title.fill.fgColor.rgb == "FFBDD7EE"  # mandatory: blue
    brand = flipkart.cell(1, header.index("Parent SKU") + 1)
    assert brand.font.b and brand.fill.fill_type is None
    assert flipkart.cell(2, header.index("Selling price (INR) *") + 1).value == 850
    assert flipkart.cell(3, header.index("Handmade") + 1).value == "No"


def test_a_product_name_that_is_a_formula_stays_text() -> None:
    """What a seller typed reaches the cells as they typed it (features, business name,
    address) or cleaned (a title keeps only words): never as a formula."""
    seller = dataclasses.replace(SELLER, business_name=INJECTION, business_name_en=None,
                                 address="-1+1 Sheesh Mahal")
    typed = [("HAAT-1", ANSWERS | {"name": INJECTION}),
             ("HAAT-2", ANSWERS | {"features": ["+cmd|' /C calc'!A0", "@SUM(A1)"]})]
    facts = [(sku, product_facts(answers, [GOOD_PHOTO] * 4, seller)) for sku, answers in typed]
    book = load_workbook(io.BytesIO(export.products_workbook(
        facts, ["flipkart", "amazon", "meesho", "ondc", "walmart"])))
    for sheet in (book[name] for name in ("Flipkart", "Amazon.in", "Meesho", "ONDC", "Walmart")):
        risky = []
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                    assert cell.data_type == "s", cell.coordinate
                    risky.append(cell.value)
        if sheet.title == "Walmart":  # no address or Legal Metrology columns abroad
            assert any(v.startswith("=HYPERLINK") for v in risky), sheet.title
            continue
        assert INJECTION in risky and "-1+1 Sheesh Mahal" in risky, sheet.title
        assert "+cmd|' /C calc'!A0" in risky and "@SUM(A1)" in risky, sheet.title


def test_many_rows_stream_and_control_characters_go() -> None:
    rows = ([str(i), "x"] for i in range(2001))
    data = spreadsheet.xlsx([Table("S", [Column("A"), Column("B")], rows),
                             Table("S", [Column("A")], [["a\x01b ₹1,200 पीतल <&>"]])])
    book = load_workbook(io.BytesIO(data), read_only=True)
    assert book.sheetnames == ["S", "S 2"]
    values = list(book["S"].iter_rows(values_only=True))
    assert len(values) == 2002 and values[-1] == ("2000", "x")
    assert next(book["S 2"].iter_rows(min_row=2, values_only=True)) == ("ab ₹1,200 पीतल <&>",)
