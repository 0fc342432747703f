"""Issue 23's "Done means", in one browser test in Hindi (Debian's chromium through
Playwright, as ``test_browser.py``): a Firozabad facilitator signs in from the bot's link,
finds the three sellers stuck on GSTIN by filter, writes to one (the message reaches her in
the bot through the outbox), plans and announces a workshop, sees who is coming by name
(the sellers answer through the bot's own service, as pressing "going" does) and downloads
the attendance file."""

from __future__ import annotations

import asyncio
import csv
import io
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot.app import build_sender
from bot.db import sellers
from bot.db.engine import Database, upgrade
from bot.db.models import OutboxMessage, utcnow
from bot.workshops import services
from tests.admin.seed import seed
from tests.botkit import Bot
from tests.web.helpers import count, web_settings
from tests.web.test_browser import CHROMIUM, FLAGS, _link, _serving, _shot

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason=f"no {CHROMIUM}: install Debian's chromium")
sync_api = pytest.importorskip("playwright.sync_api",
                               reason="playwright is not installed (pip install -e '.[dev]')")

MEENA, RANI, GITA = 6000003, 6000004, 6000005  # the seed's Firozabad sellers (Hindi)
WORDS = "नमस्ते मीना जी, GSTIN के लिए कल दफ़्तर आ जाइए।"


def _apart(coroutine):
    """Run a coroutine on a thread of its own (Playwright's sync API holds this one)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


async def _delivered(settings) -> tuple[int, str]:
    """The outbox sent by the bot's sender: how many messages, and what Meena got."""
    async with Bot(settings) as bot:
        sender = build_sender(settings, bot.app.bot_data["runtime"].database,
                              request=bot.transport)
        await sender.bot.initialize()
        mark = len(bot.transport.calls)
        sent = await sender.drain()
        text = bot.chat(user_id=MEENA, language_code="hi").inbox(mark).text
        await sender.bot.shutdown()
    return sent, text


async def _answer(database_url: str, workshop_id: int, answers: dict[int, str]) -> None:
    """Sellers answer as the bot's "going"/"maybe" buttons do (``services.rsvp``)."""
    database = Database(database_url)
    try:
        for telegram_id, wanted in answers.items():
            async with database.transaction() as session:
                seller, _stored = await sellers.load(session, telegram_id, lock=True)

                async def no_staff():
                    return None

                await services.rsvp(session, seller, workshop_id, wanted, staff=no_staff,
                                    now=utcnow())
    finally:
        await database.dispose()


def test_done_means_in_hindi(sqlite_settings, tmp_path) -> None:
    settings = web_settings(sqlite_settings)
    upgrade(settings.database_url)
    ids = seed(settings.database_url)
    path = asyncio.run(_link(settings))
    with _serving(settings) as base, sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 412, "height": 900},  # a phone
                                accept_downloads=True)
        # 1. She signs in from the link the bot sent her.
        page.goto(base + path)
        page.click("form[action='/staff/login'] button")
        page.wait_for_url(base + "/staff/")
        assert "सारांश" in page.inner_text("h1")

        # 2. The three sellers stuck on GSTIN: asked for help, still at the profile stage.
        page.click("a[href='/staff/sellers']")
        page.check("input[name=help]")
        page.select_option("select[name=stage]", "profile")
        page.click("form.filters button")
        page.wait_for_url("**/staff/sellers?*")
        names = page.locator("#sellers tr td:first-child").all_inner_texts()
        assert sorted(names) == ["Gita Firozabad", "Meena Firozabad", "Rani Firozabad"]

        # 3. She writes to Meena; the bot's sender delivers it from the outbox.
        page.click("#sellers a:text('Meena Firozabad')")
        page.wait_for_url(f"**/staff/sellers/{ids['Meena Firozabad']}")
        page.fill("#text", WORDS)
        page.click(f"form[action='/staff/sellers/{ids['Meena Firozabad']}/write'] button")
        page.wait_for_url("**?done=written")
        assert "संदेश विक्रेता को भेजा जा रहा है" in page.inner_text(".notice")
        sent, meena_got = _apart(_delivered(settings))
        assert sent == 1 and WORDS in meena_got

        # 4. She plans the workshop, checks it said back, saves and announces it.
        page.click("nav a[href='/staff/workshops']")
        page.click("a[href='/staff/workshops/new']")
        page.fill("#f-title", "GST और फ्लिपकार्ट")
        page.select_option("#f-organiser", "odop")
        page.fill("#f-topic", "GSTIN बनवाना")
        page.fill("#f-starts", "कल सुबह 11 बजे")
        page.fill("#f-duration", "2 घंटे")
        page.select_option("#f-mode", "place")
        page.fill("#f-place", "DIC दफ़्तर, फिरोजाबाद")
        page.select_option("#f-session_language", "hi")
        page.fill("#f-capacity", "30")
        page.click("button[value=check]")
        assert "सुबह 11:00" in page.inner_text("#review")
        page.click("button[value=save]")
        page.wait_for_url("**/staff/workshops/*?done=created")
        workshop_id = int(page.url.split("/staff/workshops/")[1].split("?")[0])
        page.click("form[action$='/announce'] button")
        page.wait_for_url("**?done=announced*")
        assert "4" in page.inner_text(".notice")  # Firozabad's four sellers
        sent, meena_got = _apart(_delivered(settings))
        assert sent == 4 and "GST और फ्लिपकार्ट" in meena_got

        # 5. Sellers answer in the bot; she sees who is coming, by name.
        _apart(_answer(settings.database_url, workshop_id,
                       {MEENA: "going", RANI: "going", GITA: "maybe"}))
        page.reload()
        people = page.locator("#people tr:has(td)")
        rows = {tuple(people.nth(i).locator("td").all_inner_texts()[:3])
                for i in range(people.count())}
        assert rows == {("Meena Firozabad", "फिरोजाबाद", "आएँगे"),
                        ("Rani Firozabad", "फिरोजाबाद", "आएँगे"),
                        ("Gita Firozabad", "फिरोजाबाद", "शायद")}, rows
        _shot(page, tmp_path, "web-done-workshop-hi.png")

        # 6. The attendance file, read back: the three who answered, in her language.
        with page.expect_download() as download:
            page.click(f"a[href='/staff/workshops/{workshop_id}/attendance.csv']")
        assert download.value.suggested_filename == (
            f"haat-workshop-{workshop_id}-attendance.csv")
        table = list(csv.reader(io.StringIO(
            Path(download.value.path()).read_bytes().decode("utf-8-sig"))))
        column = table[0].index("सेलर का नाम")  # titles in her language
        assert sorted(row[column] for row in table[1:]) == [
            "Gita Firozabad", "Meena Firozabad", "Rani Firozabad"]
        browser.close()
    assert count(settings.database_url, OutboxMessage.__table__,
                 OutboxMessage.kind == "w.announce") == 4
