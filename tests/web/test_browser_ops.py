"""The exports and "English needed" pages in a real browser (Debian's chromium through
Playwright, as ``test_browser.py``): a Firozabad facilitator, in Hindi, gives a line its
English and downloads the district's sellers as Excel."""

from __future__ import annotations

import asyncio
import io
import threading
import time
from pathlib import Path

import pytest
import uvicorn
from openpyxl import load_workbook

from bot.db.engine import Database, upgrade
from bot.db.models import EnglishRequest, OutboxMessage
from bot.web.alone import application
from tests.admin.seed import seed
from tests.web.helpers import SECRET, count, web_settings
from tests.web.test_browser import CHROMIUM, FLAGS, _free_port, _link
from tests.web.test_ops_pages import LINE, _queue_line

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason=f"no {CHROMIUM}: install Debian's chromium")
sync_api = pytest.importorskip("playwright.sync_api",
                               reason="playwright is not installed (pip install -e '.[dev]')")


def test_english_and_an_export_in_the_browser_in_hindi(sqlite_settings, tmp_path) -> None:
    settings = web_settings(sqlite_settings)
    upgrade(settings.database_url)
    ids = seed(settings.database_url)
    asyncio.run(_queue_line(settings.database_url, ids["Meena Firozabad"]))
    path = asyncio.run(_link(settings))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(
        application(Database(settings.database_url), settings, secret=SECRET,
                    username="haat_test_bot"),
        host="127.0.0.1", port=port, log_config=None, access_log=False, lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while not server.started:
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page(viewport={"width": 412, "height": 900}, accept_downloads=True)
            page.goto(base + path)
            page.click("form[action='/staff/login'] button")
            page.wait_for_url(base + "/staff/")
            page.click("a[href='/staff/english']")
            assert "अंग्रेज़ी चाहिए" in page.inner_text("h1")
            assert LINE in page.inner_text("main")
            page.fill("input[name=english]", "I learnt this craft as a child")
            page.click("form[action^='/staff/english/'] button")
            page.wait_for_url("**/staff/english?*")
            assert "बता दिया" in page.inner_text(".notice")
            page.click("a[href='/staff/exports']")
            with page.expect_download() as download:
                page.click("form[action='/staff/exports/file']:has(input[value=sellers])"
                           ":has(input[value=xlsx]) button")
            assert download.value.suggested_filename == "haat-sellers-firozabad.xlsx"
            sheet = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
            assert sheet.cell(1, 1).value == "सेलर ID"  # titles in her language
            names = {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
            assert "Meena Firozabad" in names and "Ramesh Agra" not in names
            browser.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    assert count(settings.database_url, EnglishRequest.__table__,
                 EnglishRequest.status == "done") == 1
    assert count(settings.database_url, OutboxMessage.__table__,
                 OutboxMessage.kind == "english_done") == 1
