"""The staff web page in a real browser: Debian's chromium driven by Playwright (its own
browser download cannot work here; `.ci/run` installs chromium with apt when it can). A
facilitator signs in from the bot's link and filters the sellers, in Hindi; a screenshot of
the table is kept (``HAAT_TEST_ARTEFACTS``, else the test's tmp folder) to check the
Devanagari by eye."""

from __future__ import annotations

import asyncio
import os
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn

from bot.db.engine import Database, upgrade
from bot.web.alone import application
from tests.admin.seed import FIROZABAD_FACILITATOR, seed
from tests.botkit import Bot
from tests.web.helpers import SECRET, link, web_settings

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run"]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason=f"no {CHROMIUM}: install Debian's chromium "
                                       f"(apt-get install chromium) for the browser test")
sync_api = pytest.importorskip("playwright.sync_api",
                               reason="playwright is not installed (pip install -e '.[dev]')")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def _link(settings) -> str:
    async with Bot(settings) as bot:
        return await link(bot, FIROZABAD_FACILITATOR, language="hi")


def test_sign_in_and_filter_the_sellers_in_hindi(sqlite_settings, tmp_path) -> None:
    settings = web_settings(sqlite_settings)
    upgrade(settings.database_url)
    seed(settings.database_url)
    path = asyncio.run(_link(settings))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(
        application(Database(settings.database_url), settings, secret=SECRET),
        host="127.0.0.1", port=port, log_config=None, access_log=False, lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 120  # generous: a loaded CI machine is slow
        while not server.started:
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page(viewport={"width": 412, "height": 900})  # a phone
            page.goto(base + path)
            page.click("form[action='/staff/login'] button")
            page.wait_for_url(base + "/staff/")
            assert "सारांश" in page.inner_text("h1")
            page.click("a[href='/staff/sellers']")
            page.check("input[name=help]")
            page.select_option("select[name=stage]", "profile")
            page.click("form.filters button")
            page.wait_for_url("**/staff/sellers?*")
            names = page.locator("#sellers tr td:first-child").all_inner_texts()
            assert sorted(names) == ["Gita Firozabad", "Meena Firozabad", "Rani Firozabad"]
            shot = Path(os.environ.get("HAAT_TEST_ARTEFACTS", tmp_path)) / "web-sellers-hi.png"
            shot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shot), full_page=True)
            # the same link again, in a fresh browser: refused
            other = browser.new_context().new_page()
            other.goto(base + path)
            other.click("form[action='/staff/login'] button")
            assert "/web" in other.inner_text("main")
            browser.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
