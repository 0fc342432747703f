"""The streaming XLSX writer produces workbooks that a spreadsheet program reads back."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from bot.files import xlsx


def test_workbook_round_trip() -> None:
    book = xlsx.Workbook()
    with book.sheet("Amazon.in", freeze_columns=2) as sheet:
        sheet.header(["Title *", "Notes"], {"Title *"})
        sheet.row(["Brass Diya & Lamp <set>", "a\x01b \"quoted\" 'x' ₹1,200 पीतल"])
        sheet.row(["  spaces kept  ", ""])
    with book.sheet("Amazon.in") as sheet:  # a duplicate name gets a suffix
        sheet.row(["x"])
    with book.sheet("A/B:C*?[]") as sheet:
        pass
    data = book.close()
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["Amazon.in", "Amazon.in 2", "A B C    "]
    first = workbook["Amazon.in"]
    assert [c.value for c in first[1]] == ["Title *", "Notes"]
    assert first["A1"].font.b and first["A1"].fill.fgColor.rgb == "FFBDD7EE"
    assert first["B1"].font.b and first["B1"].fill.fill_type is None
    assert first["A2"].value == "Brass Diya & Lamp <set>"
    assert first["B2"].value == "ab \"quoted\" 'x' ₹1,200 पीतल"
    assert first["A3"].value == "  spaces kept  "
    assert first.freeze_panes == "C2"


def test_many_rows_stream() -> None:
    book = xlsx.Workbook()
    with book.sheet("S") as sheet:
        for i in range(2001):
            sheet.row([str(i), "x"])
    rows = list(load_workbook(io.BytesIO(book.close()), read_only=True)["S"].iter_rows(
        values_only=True))
    assert len(rows) == 2001 and rows[-1] == ("2000", "x")
