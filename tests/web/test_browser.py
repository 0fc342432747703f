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
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn

from bot.db.engine import Database, upgrade
from bot.db.models import OutboxMessage
from bot.web.alone import application
from tests.admin.seed import FIROZABAD_FACILITATOR, seed
from tests.botkit import Bot
from tests.web.helpers import SECRET, count, link, web_settings

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


@contextmanager
def _serving(settings):
    """The staff pages on uvicorn at a free local port: their base URL."""
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
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _shot(page, tmp_path, name: str) -> None:
    shot = Path(os.environ.get("HAAT_TEST_ARTEFACTS", tmp_path)) / name
    shot.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shot), full_page=True)


def test_sign_in_and_filter_the_sellers_in_hindi(sqlite_settings, tmp_path) -> None:
    settings = web_settings(sqlite_settings)
    upgrade(settings.database_url)
    seed(settings.database_url)
    path = asyncio.run(_link(settings))
    with _serving(settings) as base, sync_api.sync_playwright() as p:
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
        _shot(page, tmp_path, "web-sellers-hi.png")
        # the same link again, in a fresh browser: refused
        other = browser.new_context().new_page()
        other.goto(base + path)
        other.click("form[action='/staff/login'] button")
        assert "/web" in other.inner_text("main")
        browser.close()


def test_plan_and_announce_a_workshop_in_hindi(sqlite_settings, tmp_path) -> None:
    """A Firozabad facilitator plans a workshop on her phone, in Hindi, with the date typed
    as she says it; it is said back before saving, and announcing queues one message per
    seller of her district."""
    settings = web_settings(sqlite_settings)
    upgrade(settings.database_url)
    seed(settings.database_url)
    path = asyncio.run(_link(settings))
    with _serving(settings) as base, sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 412, "height": 900})
        page.goto(base + path)
        page.click("form[action='/staff/login'] button")
        page.wait_for_url(base + "/staff/")
        page.click("nav a[href='/staff/workshops']")
        page.click("a[href='/staff/workshops/new']")
        assert "नई वर्कशॉप" in page.inner_text("h1")
        page.fill("#f-title", "फ्लिपकार्ट पर कांच बेचना")
        page.select_option("#f-organiser", "odop")
        page.fill("#f-topic", "ऑनलाइन बिक्री")
        page.fill("#f-starts", "कल सुबह 11 बजे")
        page.fill("#f-duration", "2 घंटे")
        page.select_option("#f-mode", "place")
        page.fill("#f-place", "DIC दफ़्तर, फिरोजाबाद")
        page.select_option("#f-session_language", "hi")
        page.fill("#f-capacity", "३०")  # Devanagari digits, as the bot reads them
        page.click("button[value=check]")
        review = page.inner_text("#review")
        assert "सुबह 11:00" in review and "फिरोजाबाद" in review and "30" in review
        _shot(page, tmp_path, "web-workshop-review-hi.png")
        page.click("button[value=save]")
        page.wait_for_url("**/staff/workshops/*?done=created")
        assert "फ्लिपकार्ट पर कांच बेचना" in page.inner_text("h1")
        page.click("form[action$='/announce'] button")
        page.wait_for_url("**?done=announced*")
        assert "4" in page.inner_text(".notice")
        _shot(page, tmp_path, "web-workshop-hi.png")
        browser.close()
    assert count(settings.database_url, OutboxMessage.__table__,
                 OutboxMessage.kind == "w.announce") == 4
