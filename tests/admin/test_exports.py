"""Exports: sellers and products, XLSX (notes, dropdowns) and CSV (UTF-8 with BOM), only
for one's own districts, and never a formula from what a seller typed."""

from __future__ import annotations

import csv
import dataclasses
import io

import openpyxl

from bot.cli.main import main as cli
from bot.files import spreadsheet
from bot.files.spreadsheet import Column, Table
from tests.admin.seed import AGRA_FACILITATOR, FIROZABAD_FACILITATOR, seed
from tests.botkit import Bot

OPERATOR = 4440001
INJECTIONS = ["=HYPERLINK(\"http://x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)",
              "\t=1", "\r=1"]


def _csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_formula_injection_is_neutralised_in_csv_and_xlsx() -> None:
    rows = [[value, "ok"] for value in INJECTIONS]
    table = _csv(spreadsheet.csv_bytes(["Name", "Other"], rows))
    for value, (cell, _other) in zip(INJECTIONS, table[1:], strict=True):
        assert cell == "'" + value
    book = openpyxl.load_workbook(io.BytesIO(spreadsheet.xlsx(
        [Table("T", [Column("Name", "note"), Column("Other")], rows)])))
    sheet = book["T"]
    for r, value in enumerate(INJECTIONS, start=2):
        cell = sheet.cell(r, 1)
        # a string cell (never a formula), as typed: no quote prefix (issue 20 item 11)
        assert cell.data_type == "s" and not cell.quotePrefix
        if "\r" not in value:  # XML stores a carriage return as _x000D_
            assert cell.value == value
    assert sheet.cell(2, 2).quotePrefix is False  # ordinary text is left alone


async def test_facilitator_exports_own_district_sellers_xlsx(settings) -> None:
    seed(settings.database_url)
    async with Bot(settings) as bot:
        chat = bot.chat(user_id=FIROZABAD_FACILITATOR)
        await chat.send("/staff")
        await chat.press("📤")
        screen = await chat.press("👥 Sellers · Excel")
        assert "Preparing your file" in screen.text and not screen.documents
        screen = await chat.files()
        (name, data), = screen.documents
        assert name == "haat-sellers-firozabad.xlsx" and "Sellers: 4" in screen.text
        sheet = openpyxl.load_workbook(io.BytesIO(data))["Sellers"]
        header = [c.value for c in sheet[1]]
        assert "Mobile" in header and "Email" in header
        assert all(sheet.cell(1, i + 1).comment is not None for i in range(len(header)))
        districts = {sheet.cell(r, 3).value for r in range(2, sheet.max_row + 1)}
        assert districts == {"Firozabad"}
        names = [sheet.cell(r, 2).value for r in range(2, sheet.max_row + 1)]
        assert "=HYPERLINK(\"http://x\")" in names
        injected = sheet.cell(names.index("=HYPERLINK(\"http://x\")") + 2, 2)
        assert injected.data_type == "s" and not injected.quotePrefix
        validated = {str(v.sqref).split(":")[0][0] for v in sheet.data_validations.dataValidation}
        col = {h: chr(65 + i) for i, h in enumerate(header)}
        assert {col["District"], col["Wants to export"], col["Profile done"]} <= validated


async def test_products_csv_per_marketplace_neutralised(settings) -> None:
    seed(settings.database_url)
    async with Bot(settings) as bot:
        chat = bot.chat(user_id=FIROZABAD_FACILITATOR)
        await chat.send("/export products csv")
        screen = await chat.files()
        names = [name for name, _d in screen.documents]
        assert "haat-products-firozabad-flipkart.csv" in names and len(names) == 5
        rows = _csv(screen.documents[0][1])
        title = rows[0].index("Title") if "Title" in rows[0] else 1
        assert not any(r[title].startswith(("=", "+", "-", "@")) for r in rows[1:])
        cells = [cell for row in rows[1:] for cell in row]
        assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)
        await chat.send("/export products")
        (name, data), = (await chat.files()).documents
        assert name.endswith(".xlsx")
        assert "Flipkart" in openpyxl.load_workbook(io.BytesIO(data)).sheetnames


async def test_agra_cannot_export_firozabad(settings) -> None:
    seed(settings.database_url)
    async with Bot(settings) as bot:
        chat = bot.chat(user_id=AGRA_FACILITATOR)
        for data in ("sx|sellers|xlsx|firozabad", "sx|products|csv|firozabad",
                     "sa|export|firozabad"):
            screen = await chat.press_data(data)
            assert "not one of yours" in screen.notice and not screen.documents
        for command in ("/export sellers xlsx firozabad", "/export products Firozabad",
                        "/export sellers csv फ़िरोज़ाबाद"):
            screen = await chat.send(command)
            assert "not one of yours" in screen.text and not screen.documents
        await chat.send("/export sellers csv all")
        (name, data), = (await chat.files()).documents
        table = _csv(data)
        assert {row[2] for row in table[1:]} == {"Agra"} and len(table) == 4


async def test_export_in_hindi(settings) -> None:
    seed(settings.database_url)
    async with Bot(settings) as bot:
        chat = bot.chat(user_id=FIROZABAD_FACILITATOR, language_code="hi")
        screen = await chat.send("/export")
        assert "फिरोजाबाद" in screen.text
        await chat.press("CSV")
        screen = await chat.files()
        assert "सेलर: 4" in screen.text and screen.documents


def test_cli_export(settings, monkeypatch, tmp_path, capsys) -> None:
    seed(settings.database_url)
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    assert cli(["export", "sellers", "--district", "agra", "--format", "csv",
                "--out", str(tmp_path)]) == 0
    table = _csv((tmp_path / "haat-sellers-agra.csv").read_bytes())
    assert len(table) == 4 and "Mobile" in table[0]
    assert cli(["export", "sellers", "--district", "firozabad", "--no-contacts",
                "--out", str(tmp_path)]) == 0
    sheet = openpyxl.load_workbook(tmp_path / "haat-sellers-firozabad.xlsx")["Sellers"]
    assert "Mobile" not in [c.value for c in sheet[1]]
    assert cli(["export", "products", "--district", "all", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "haat-products-districts.xlsx").exists()
    assert cli(["export", "products", "--district", "atlantis"]) == 2
    capsys.readouterr()
    assert cli(["export", "products", "--district", "agra", "--out", str(tmp_path)]) == 0
    assert "Nothing to export: no products in agra." in capsys.readouterr().out
    assert not (tmp_path / "haat-products-agra.xlsx").exists()


async def test_operator_exports_all(settings) -> None:
    seed(settings.database_url)
    async with Bot(dataclasses.replace(settings, admin_ids=frozenset({OPERATOR}))) as bot:
        chat = bot.chat(user_id=OPERATOR)
        await chat.send("/export sellers csv all")
        screen = await chat.files()
        assert len(_csv(screen.documents[0][1])) == 8


def slow_build(database_url, kind, codes, fmt, stem, contacts, language="en"):
    """Stands in for ``exports.build_from`` (patched in the bot's process, imported by name
    in the worker): two seconds of pure-Python work, then a file named after the process
    that made it."""
    import os
    import time

    assert isinstance(database_url, str) and codes == ["firozabad"]  # plain values
    end = time.process_time() + 2.0
    while time.process_time() < end:
        sum(range(1000))
    return 1, [(f"{stem}-{os.getpid()}.{fmt}", b"made")]


async def test_export_is_built_off_the_event_loop(settings, monkeypatch) -> None:
    """While the file is built, another seller is answered: the builder runs in another
    process, not in the bot's event loop (nor in a thread holding its GIL)."""
    import os
    import time

    from bot.admin import exports

    seed(settings.database_url)
    monkeypatch.setattr(exports, "build_from", slow_build)
    async with Bot(settings) as bot:
        staff = bot.chat(user_id=FIROZABAD_FACILITATOR)
        screen = await staff.send("/export products csv")
        assert "Preparing your file" in screen.text and not screen.documents
        jobs = bot.app.bot_data["runtime"].jobs
        assert jobs  # still running
        seller = bot.chat(user_id=5559001)
        started = time.perf_counter()
        answer = await seller.send("/start")
        assert answer.texts and time.perf_counter() - started < 1.5
        assert jobs  # the seller was answered while the export was still being built
        (name, data), = (await staff.files()).documents
        worker = int(name.removesuffix(".csv").rsplit("-", 1)[1])
        assert worker != os.getpid() and data == b"made"


async def test_a_second_press_while_exporting_is_refused(settings, monkeypatch) -> None:
    from bot.admin import exports

    seed(settings.database_url)
    monkeypatch.setattr(exports, "build_from", slow_build)
    async with Bot(settings) as bot:
        for language, busy in (("en", "still being prepared"), ("hi", "अभी बन रही है")):
            # Staff who are not sellers are answered in their Telegram app's language.
            chat = bot.chat(user_id=FIROZABAD_FACILITATOR, language_code=language)
            first = await chat.send("/export sellers csv")
            assert ("Preparing your file" if language == "en" else "फ़ाइल बन रही है") in first.text
            again = await chat.send("/export products csv")
            assert busy in again.text and not again.documents
            again = await chat.press_data("sx|sellers|xlsx|firozabad")
            assert busy in again.text
            files = await chat.files()
            assert len(files.documents) == 1  # one export, not three
            after = await chat.send("/export sellers csv")
            assert "Preparing" in after.text or "फ़ाइल बन रही है" in after.text
            await chat.files()


async def test_a_hindi_facilitator_gets_hindi_titles_ist_dates_and_plain_phones(
        settings) -> None:
    """Issue 20 item 11: titles and notes in the staff member's language, dates in IST,
    phone numbers as plain text (no quote prefix, no apostrophe), the CSV guard kept."""
    from datetime import UTC, datetime

    from sqlalchemy import create_engine, update

    from bot.db.engine import sync_url
    from bot.db.models import Seller
    from bot.workshops.reminders import IST
    from tests.scenarios import onboard

    ids = seed(settings.database_url)
    joined = datetime(2026, 12, 1, 20, 0)  # UTC: 2 December 01:30 in India
    engine = create_engine(sync_url(settings.database_url))
    with engine.begin() as conn:
        conn.execute(update(Seller).where(Seller.id == ids["Meena Firozabad"])
                     .values(created_at=joined))
    engine.dispose()
    async with Bot(settings) as bot:
        chat = await onboard(bot, language="हिन्दी", user_id=FIROZABAD_FACILITATOR)
        await chat.send("/export sellers xlsx")
        screen = await chat.files()
        (_name, data), = screen.documents
        book = openpyxl.load_workbook(io.BytesIO(data))
        sheet = book.worksheets[0]
        header = [c.value for c in sheet[1]]
        assert "सेलर ID" in header and "जुड़े (IST)" in header and "Seller ID" not in header
        assert "भारत का समय" in sheet.cell(1, header.index("जुड़े (IST)") + 1).comment.text
        phones = [sheet.cell(r, header.index("मोबाइल") + 1)
                  for r in range(2, sheet.max_row + 1)]
        for cell in phones:
            if cell.value:
                assert cell.data_type == "s" and not cell.quotePrefix
                assert cell.value.startswith("+91"), cell.value
        names = [sheet.cell(r, 2).value for r in range(2, sheet.max_row + 1)]
        row = names.index("Meena Firozabad") + 2
        day = sheet.cell(row, header.index("जुड़े (IST)") + 1).value
        assert day.date() == joined.replace(tzinfo=UTC).astimezone(IST).date()
        await chat.send("/export sellers csv")
        screen = await chat.files()
        rows = _csv(screen.documents[0][1])
        assert "सेलर ID" in rows[0]
        assert any(value == "'+919812345678" for row in rows for value in row)  # CSV guard
