"""Workshop attendance export: one row per answer, XLSX (notes, dropdowns) and CSV (UTF-8
with BOM, no formulas), in the bot and on the command line; a facilitator gets their own
districts' sellers only, whatever the button data or the command says."""

from __future__ import annotations

import csv
import io

import openpyxl

from bot.cli.main import main as cli
from tests.admin.seed import (
    AGRA_FACILITATOR,
    FIROZABAD_FACILITATOR,
    add_rsvp,
    add_workshop,
    seed,
)
from tests.botkit import Bot


def _csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def _answers(database_url: str) -> dict[str, int]:
    """Firozabad's glass workshop (going and checked in with 5, waiting, not going, and
    the seller whose name is a formula), one for Agra and Firozabad (Ramesh of Agra going,
    Meena of Firozabad maybe), and a cancelled one; ``seed`` adds a past one that the
    formula-named seller attended: 7 answers in Firozabad, 1 in Agra."""
    ids = seed(database_url)
    glass = add_workshop(database_url, title="=cmd|' /C calc'!A0 glass")
    shared = add_workshop(database_url, districts=("agra", "firozabad"), days=5,
                          title="Selling on Flipkart")
    cancelled = add_workshop(database_url, status="cancelled", days=7, title="Export basics")
    add_rsvp(database_url, glass, ids["Meena Firozabad"], "going", attended=True, score=5)
    add_rsvp(database_url, glass, ids["Rani Firozabad"], "waiting")
    add_rsvp(database_url, glass, ids["Gita Firozabad"], "no")
    add_rsvp(database_url, glass, ids["=HYPERLINK(\"http://x\")"], "maybe")
    add_rsvp(database_url, shared, ids["Ramesh Agra"], "going")
    add_rsvp(database_url, shared, ids["Meena Firozabad"], "maybe")
    add_rsvp(database_url, cancelled, ids["Rani Firozabad"], "going")
    return {"glass": glass, "shared": shared, "cancelled": cancelled}


async def test_facilitator_exports_their_districts_attendance_xlsx(settings) -> None:
    workshops = _answers(settings.database_url)
    async with Bot(settings) as bot:
        chat = bot.chat(user_id=FIROZABAD_FACILITATOR)
        await chat.send("/staff")
        await chat.press("📤")
        screen = await chat.press("🎓 Workshops · Excel")
        assert "Preparing your file" in screen.text  # built in a worker process
        screen = await chat.files()
        (name, data), = screen.documents
        assert name == "haat-workshops-firozabad.xlsx" and "Workshop answers: 7" in screen.text
        sheet = openpyxl.load_workbook(io.BytesIO(data))["Workshop attendance"]
        header = [c.value for c in sheet[1]]
        assert all(sheet.cell(1, i + 1).comment is not None for i in range(len(header)))
        rows = [dict(zip(header, [c.value for c in row], strict=True))
                for row in sheet.iter_rows(min_row=2)]
        assert {r["District"] for r in rows} == {"Firozabad"} and len(rows) == 7
        assert "Ramesh Agra" not in {r["Seller name"] for r in rows}
        meena = next(r for r in rows if r["Seller name"] == "Meena Firozabad"
                     and r["Workshop ID"] == workshops["glass"])
        assert meena["Answer"] == "going" and meena["Checked in"] == "yes"
        assert meena["Feedback score"] == 5 and meena["Mobile"] == "+919812345678"
        assert meena["Starts (IST)"][4] == "-" and len(meena["Starts (IST)"]) == 16
        assert meena["Checked in at (IST)"] and meena["Title (Hindi)"]
        assert meena["Place"] == "ODOP cell, Collectorate, Firozabad"
        answers = {(r["Seller name"], r["Workshop ID"]): r["Answer"] for r in rows}
        assert answers[("Rani Firozabad", workshops["glass"])] == "waiting list"
        assert answers[("Gita Firozabad", workshops["glass"])] == "not going"
        cancelled = next(r for r in rows if r["Workshop ID"] == workshops["cancelled"])
        assert cancelled["Workshop status"] == "cancelled" and cancelled["Checked in"] == "no"
        shared = next(r for r in rows if r["Workshop ID"] == workshops["shared"])
        assert shared["Workshop districts"] == "Agra, Firozabad"
        # Formulas stay text: the workshop's title and the seller's name.
        title_col = header.index("Workshop") + 1
        name_col = header.index("Seller name") + 1
        for r in range(2, sheet.max_row + 1):
            for col in (title_col, name_col):
                cell = sheet.cell(r, col)
                if str(cell.value).startswith(("=", "+", "-", "@")):
                    assert cell.data_type == "s" and not cell.quotePrefix
        validated = {str(v.sqref).split(":")[0].rstrip("0123456789")
                     for v in sheet.data_validations.dataValidation}
        col = {h: openpyxl.utils.get_column_letter(i + 1) for i, h in enumerate(header)}
        assert {col["Answer"], col["Checked in"], col["District"],
                col["Feedback score"]} <= validated


async def test_agra_cannot_export_firozabad_attendance(settings) -> None:
    _answers(settings.database_url)
    async with Bot(settings) as bot:
        chat = bot.chat(user_id=AGRA_FACILITATOR)
        for data in ("sx|workshops|xlsx|firozabad", "sx|workshops|csv|firozabad",
                     "sx|workshops|csv|*"):
            screen = await chat.press_data(data)
            if data.endswith("*"):  # "all my districts": Agra's only
                (_name, csv_data), = (await chat.files()).documents
                assert {r["District"] for r in _csv(csv_data)} == {"Agra"}
                continue
            assert "not one of yours" in screen.notice and not screen.documents
        for command in ("/export workshops xlsx firozabad", "/export workshops Firozabad",
                        "/export workshops csv फ़िरोज़ाबाद"):
            screen = await chat.send(command)
            assert "not one of yours" in screen.text and not (await chat.files()).documents
        await chat.send("/export workshops csv")
        (name, data), = (await chat.files()).documents
        rows = _csv(data)
        # The shared workshop: its Agra seller only, not Meena of Firozabad.
        assert [(r["Seller name"], r["District"]) for r in rows] == [("Ramesh Agra", "Agra")]
        assert name == "haat-workshops-agra.csv" and "Mobile" in rows[0]


async def test_attendance_export_in_hindi_and_csv_is_safe(settings) -> None:
    _answers(settings.database_url)
    async with Bot(settings) as bot:
        chat = bot.chat(user_id=FIROZABAD_FACILITATOR, language_code="hi")
        screen = await chat.send("/export")
        labels = [label for label, _data in chat.buttons()]
        assert any(label.startswith("🎓") and "वर्कशॉप" in label for label in labels)
        await chat.press("🎓 वर्कशॉप · CSV")
        screen = await chat.files()
        (name, data), = screen.documents
        assert name == "haat-workshops-firozabad.csv" and "वर्कशॉप" in screen.text
        assert "7" in screen.text
        raw = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        cells = [cell for row in raw[1:] for cell in row]
        assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)
        assert "'=HYPERLINK(\"http://x\")" in cells and "'=cmd|' /C calc'!A0 glass" in cells
        assert "कांच की सुरक्षित पैकिंग" in cells  # Hindi titles survive the BOM'd UTF-8


def test_cli_export_workshops(settings, monkeypatch, tmp_path) -> None:
    _answers(settings.database_url)
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    assert cli(["export", "workshops", "--district", "agra", "--format", "csv",
                "--out", str(tmp_path)]) == 0
    rows = _csv((tmp_path / "haat-workshops-agra.csv").read_bytes())
    assert [r["Seller name"] for r in rows] == ["Ramesh Agra"] and "Mobile" in rows[0]
    assert cli(["export", "workshops", "--district", "firozabad", "--no-contacts",
                "--out", str(tmp_path)]) == 0
    sheet = openpyxl.load_workbook(tmp_path / "haat-workshops-firozabad.xlsx")[
        "Workshop attendance"]
    assert "Mobile" not in [c.value for c in sheet[1]] and sheet.max_row == 8
    assert cli(["export", "workshops", "--district", "all", "--format", "csv",
                "--out", str(tmp_path)]) == 0
    assert len(_csv((tmp_path / "haat-workshops-districts.csv").read_bytes())) == 8
