"""The README's screenshots of the staff web page: Debian's chromium driven by Playwright
over the tests' seeded districts (``tests/admin/seed.py``). Run from the repository:

    .venv/bin/python -m tests.web.screenshots docs/web

A Firozabad facilitator in Hindi and an operator in English sign in with a one-time link
(as ``/web`` makes it) and go through the pages; each page is kept as a PNG at a laptop's
width (the top of the page). The steps' emoji need an emoji font in the system (Debian:
``apt-get install fonts-noto-color-emoji``; staff phones have one); Hind has none."""

from __future__ import annotations

import asyncio
import socket
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from datetime import time as dt_time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright
from sqlalchemy import create_engine, select, update

from bot.admin import staff, web_login
from bot.db.engine import Database, sync_url, upgrade
from bot.db.models import Workshop, as_utc
from bot.settings import Settings
from bot.web.alone import application
from bot.workshops.reminders import IST
from tests.admin.seed import FIROZABAD_FACILITATOR, add_rsvp, add_workshop, seed
from tests.web.test_browser import CHROMIUM, FLAGS
from tests.web.test_ops_pages import _queue_line

OPERATOR = 4449999
SECRET = "screenshots"
WIDTH, HEIGHT = 1000, 720


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def _link(database_url: str, telegram_id: int, language: str, operator: bool) -> str:
    database = Database(database_url)
    try:
        async with database.transaction() as session:
            role = await staff.role(session, telegram_id, operator)
            return "/staff/login/" + await web_login.create(session, role, language)
    finally:
        await database.dispose()


def sql_write(database_url: str, statement) -> None:
    engine = create_engine(sync_url(database_url))
    with engine.begin() as conn:
        conn.execute(statement)
    engine.dispose()


def _at_eleven(database_url: str) -> None:
    """The seeded workshops start at 11:00 India time on their day (as planned ones do)."""
    engine = create_engine(sync_url(database_url))
    with engine.begin() as conn:
        for workshop_id, starts in conn.execute(select(Workshop.id, Workshop.starts_at)).all():
            day = as_utc(starts).astimezone(IST).date()
            eleven = datetime.combine(day, dt_time(11), tzinfo=IST).astimezone(UTC)
            conn.execute(update(Workshop).where(Workshop.id == workshop_id)
                         .values(starts_at=eleven))
    engine.dispose()


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/haat.db"
        upgrade(url)
        ids = seed(url)
        asyncio.run(_queue_line(url, ids["Meena Firozabad"]))
        workshop = add_workshop(url, districts=("firozabad",), title="Packing glass safely")
        for name, answer in (("Meena Firozabad", "going"), ("Rani Firozabad", "going"),
                             ("Gita Firozabad", "maybe")):
            add_rsvp(url, workshop, ids[name], answer)
        draft = add_workshop(url, districts=("firozabad",), title="Selling on Flipkart",
                             days=10, status="draft")
        sql_write(url, update(Workshop).where(Workshop.id == draft).values(
            title_hi="फ्लिपकार्ट पर बेचना"))
        _at_eleven(url)
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        settings = Settings(database_url=url, web_url=base, admin_ids=frozenset({OPERATOR}))
        server = uvicorn.Server(uvicorn.Config(
            application(Database(url), settings, secret=SECRET, username="haat_bot"),
            host="127.0.0.1", port=port, log_config=None, access_log=False, lifespan="off"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        links = {who: asyncio.run(_link(url, who, language, who == OPERATOR))
                 for who, language in ((FIROZABAD_FACILITATOR, "hi"), (OPERATOR, "en"))}
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)

                def shoot(page, name: str, full: bool = False) -> None:
                    page.wait_for_load_state("networkidle")
                    page.screenshot(path=str(out / f"{name}.png"), full_page=full)
                    print(out / f"{name}.png")

                def signed_in(telegram_id: int):
                    page = browser.new_context(
                        viewport={"width": WIDTH, "height": HEIGHT}).new_page()
                    page.goto(base + links[telegram_id])
                    page.click("form[action='/staff/login'] button")
                    page.wait_for_url(base + "/staff/")
                    return page

                # A facilitator, in Hindi.
                page = signed_in(FIROZABAD_FACILITATOR)
                shoot(page, "overview-hi")
                page.goto(base + "/staff/sellers?help=1")
                shoot(page, "sellers-hi")
                page.goto(base + "/staff/english")
                shoot(page, "english-hi")
                page.goto(base + "/staff/exports")
                shoot(page, "exports-hi")
                page.goto(base + "/staff/workshops")
                shoot(page, "workshops-hi")
                page.goto(base + f"/staff/workshops/{workshop}")
                page.evaluate("document.querySelector('#people').scrollIntoView()")
                shoot(page, "workshop-hi", full=True)
                page.goto(base + "/staff/workshops/calendar")
                shoot(page, "calendar-hi")
                page.goto(base + "/staff/broadcasts")
                page.fill("#f-text", "शुक्रवार को DIC दफ़्तर में GST पर वर्कशॉप है। ज़रूर आइए।")
                page.click("form[action='/staff/broadcasts'] button[type=submit]")
                page.wait_for_url(base + "/staff/broadcasts/*")
                shoot(page, "broadcast-hi")
                # An operator, in English.
                page = signed_in(OPERATOR)
                page.goto(base + f"/staff/sellers/{ids['Meena Firozabad']}")
                page.fill("textarea[name=text]", "Please send a photo of your GST certificate.")
                page.click("form[action$='/write'] button")
                shoot(page, "seller-en")
                page.goto(base + "/staff/exports?district=firozabad")
                with page.expect_download():
                    page.click("form[action='/staff/exports/file']:has(input[value=sellers])"
                               ":has(input[value=xlsx]) button")
                shoot(page, "exports-en")
                page.goto(base + "/staff/team")
                page.fill("input[name=districts]", "Agra, Mathura")
                page.click("form[action='/staff/team/invite'] button")
                shoot(page, "team-en")
                page.click("a[href$='/remove']")
                shoot(page, "team-remove-en")
                page.goto(base + "/staff/audit")
                shoot(page, "audit-en")
                browser.close()
        finally:
            server.should_exit = True
            thread.join(timeout=10)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/web"))
