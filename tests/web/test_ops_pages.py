"""The staff web page's exports and posters, "English needed" and operator pages: the bot's
services behind each, a facilitator held to their districts (404, nothing changed), the
operator pages refused to facilitators, each action in the audit log; Hindi and English."""

from __future__ import annotations

import io
import zipfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from openpyxl import load_workbook
from sqlalchemy import create_engine, insert, select

from bot.admin import english_screens
from bot.admin.staff import Role
from bot.db import sellers
from bot.db.engine import Database, sync_url
from bot.db.models import EnglishRequest, OutboxMessage, Product, Staff, StaffAudit, utcnow
from bot.listing import english_needed
from bot.web import export_pages, operator_pages
from bot.web.alone import application
from tests.admin.seed import AGRA_FACILITATOR, FIROZABAD_FACILITATOR, add_workshop, seed
from tests.botkit import Bot
from tests.web.helpers import BASE, SECRET, count, csrf, link, sign_in, web_settings

OPERATOR = 4449999
FIROZABAD = Role(operator=False, districts=frozenset({"firozabad"}), telegram_id=1)
LINE = "बचपन से यही काम सीखा, अब यही रोज़ी रोटी है"


def client(settings) -> httpx.AsyncClient:
    app = application(Database(settings.database_url), settings, secret=SECRET,
                      username="haat_test_bot")
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE)


@asynccontextmanager
async def _signed_in(settings, user_id: int, language: str = "en"
                     ) -> AsyncIterator[httpx.AsyncClient]:
    async with Bot(settings) as bot:
        path = await link(bot, user_id, language)
    async with client(settings) as web:
        answer = await sign_in(web, path)
        assert answer.status_code == 303
        yield web


def _audit(database_url: str, action: str) -> list:
    engine = create_engine(sync_url(database_url))
    with engine.connect() as conn:
        rows = conn.execute(select(StaffAudit.telegram_id, StaffAudit.detail,
                                   StaffAudit.seller_id)
                            .where(StaffAudit.action == action)).all()
    engine.dispose()
    return rows


# ------------------------------------------------------------------ exports and posters


async def test_exports_download_the_bots_files(settings) -> None:
    settings = web_settings(settings)
    seed(settings.database_url)
    async with _signed_in(settings, FIROZABAD_FACILITATOR) as web:
        page = await web.get("/staff/exports")
        assert page.status_code == 200 and "Exports and posters" in page.text
        token = csrf(page.text)
        answer = await web.post("/staff/exports/file", data={
            "csrf": token, "kind": "sellers", "fmt": "xlsx", "district": "firozabad"})
        assert answer.status_code == 200, answer.text
        assert "haat-sellers-firozabad.xlsx" in answer.headers["content-disposition"]
        assert "haat_staff=" in answer.headers["set-cookie"]  # the session goes on
        sheet = load_workbook(io.BytesIO(answer.content)).active
        names = {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
        assert "Meena Firozabad" in names and "Ramesh Agra" not in names
        # Products as CSV: one file per marketplace, in one ZIP.
        answer = await web.post("/staff/exports/file", data={
            "csrf": token, "kind": "products", "fmt": "csv", "district": "firozabad"})
        assert answer.status_code == 200
        with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
            assert len(archive.namelist()) > 1
            assert all(n.startswith("haat-products-firozabad-") for n in archive.namelist())
        answer = await web.post("/staff/exports/file", data={
            "csrf": token, "kind": "workshops", "fmt": "csv", "district": "firozabad"})
        assert answer.status_code == 200 and answer.content.startswith(b"\xef\xbb\xbf")
        # One export at a time per staff member (a second press while one is built).
        export_pages.BUILDING.add(FIROZABAD_FACILITATOR)
        try:
            answer = await web.post("/staff/exports/file", data={
                "csrf": token, "kind": "sellers", "fmt": "csv", "district": "firozabad"})
        finally:
            export_pages.BUILDING.discard(FIROZABAD_FACILITATOR)
        assert answer.status_code == 429 and "still being prepared" in answer.text
    details = sorted(row.detail for row in _audit(settings.database_url, "export"))
    assert details == ["products csv firozabad (1)", "sellers xlsx firozabad (4)",
                       "workshops csv firozabad (1)"]


async def test_an_export_of_another_district_is_refused(settings) -> None:
    settings = web_settings(settings)
    seed(settings.database_url)
    async with _signed_in(settings, AGRA_FACILITATOR) as web:
        token = csrf((await web.get("/staff/exports")).text)
        for kind in ("sellers", "products", "workshops"):
            answer = await web.post("/staff/exports/file", data={
                "csrf": token, "kind": kind, "fmt": "csv", "district": "firozabad"})
            assert answer.status_code == 404 and "not one of yours" in answer.text
        answer = await web.post("/staff/exports/file", data={
            "kind": "sellers", "fmt": "csv", "district": "agra"})
        assert answer.status_code == 403  # no CSRF token
        answer = await web.post("/staff/exports/file", data={
            "csrf": token, "kind": "passwords", "fmt": "csv", "district": "agra"})
        assert answer.status_code == 404
        assert (await web.get("/staff/exports?district=firozabad")).status_code == 404
        answer = await web.post("/staff/posters/district",
                                data={"csrf": token, "district": "firozabad"})
        assert answer.status_code == 404
        workshop = add_workshop(settings.database_url, districts=("firozabad",))
        answer = await web.post(f"/staff/posters/workshop/{workshop}", data={"csrf": token})
        assert answer.status_code == 404
        # Agra's own (the one seeded Agra seller has no product): said plainly.
        answer = await web.post("/staff/exports/file", data={
            "csrf": token, "kind": "products", "fmt": "xlsx", "district": "agra"})
        assert answer.status_code == 200 and "Nothing to export for Agra yet" in answer.text
    assert _audit(settings.database_url, "export") == []
    assert _audit(settings.database_url, "poster") == []


async def test_posters_of_the_district_and_its_workshops(settings) -> None:
    settings = web_settings(settings)
    seed(settings.database_url)
    workshop = add_workshop(settings.database_url, districts=("firozabad",),
                            title="Packing glass safely")
    draft = add_workshop(settings.database_url, districts=("firozabad",), status="draft",
                         title="A draft workshop")
    async with _signed_in(settings, FIROZABAD_FACILITATOR) as web:
        page = await web.get("/staff/exports")
        assert "Packing glass safely" in page.text and "A draft workshop" not in page.text
        token = csrf(page.text)
        answer = await web.post("/staff/posters/district",
                                data={"csrf": token, "district": "firozabad"})
        assert answer.status_code == 200
        assert answer.headers["content-type"] == "application/pdf"
        assert answer.content.startswith(b"%PDF")
        answer = await web.post(f"/staff/posters/workshop/{workshop}", data={"csrf": token})
        assert answer.status_code == 200 and answer.content.startswith(b"%PDF")
        answer = await web.post(f"/staff/posters/workshop/{draft}", data={"csrf": token})
        assert answer.status_code == 404
    details = sorted(row.detail for row in _audit(settings.database_url, "poster"))
    assert details == ["district firozabad", f"workshop {workshop}"]


# ------------------------------------------------------------------ English needed


async def _queue_line(database_url: str, seller_id: int) -> int:
    database = Database(database_url)
    try:
        async with database.transaction() as session:
            answers = {"category": "glass_art_ware", "name": "कांच का फूलदान",
                       "features": [LINE]}
            product_id = (await session.execute(insert(Product.__table__).values(
                seller_id=seller_id, status="ready", answers=answers, photos=[],
                created_at=utcnow(), updated_at=utcnow()))).inserted_primary_key[0]
            seller = await sellers.by_id(session, seller_id)
            assert await english_needed.sync(session, seller, product_id, answers) == 1
        return product_id
    finally:
        await database.dispose()


async def test_english_needed_answered_on_the_page(settings) -> None:
    settings = web_settings(settings)
    ids = seed(settings.database_url)
    meena = ids["Meena Firozabad"]
    await _queue_line(settings.database_url, meena)
    async with _signed_in(settings, FIROZABAD_FACILITATOR) as web:
        page = await web.get("/staff/english")
        assert page.status_code == 200 and LINE in page.text
        assert "कांच का फूलदान" in page.text and "Meena Firozabad" in page.text
        request_id = int(page.text.split('action="/staff/english/')[1].split('"')[0])
        # The bot's own check of the English: Devanagari is refused, nothing saved.
        answer = await web.post(f"/staff/english/{request_id}", data={
            "csrf": csrf(page.text), "english": "बचपन", "district": "firozabad"})
        assert answer.status_code == 400 and "English letters" in answer.text
        assert count(settings.database_url, OutboxMessage.__table__) == 0
        answer = await web.post(f"/staff/english/{request_id}", data={
            "csrf": csrf(page.text), "district": "firozabad",
            "english": "I learnt this craft as a child; it is my livelihood"})
        assert answer.status_code == 303
        page = await web.get(answer.headers["location"])
        assert "the seller has been told" in page.text and LINE not in page.text
        again = await web.post(f"/staff/english/{request_id}", data={
            "csrf": csrf(page.text), "english": "Again", "district": "firozabad"})
        assert again.status_code == 404 and "already has its English" in again.text
    # The seller is told as by the bot's screen: the outbox's "english_done".
    assert count(settings.database_url, OutboxMessage.__table__,
                 OutboxMessage.seller_id == meena,
                 OutboxMessage.kind == english_needed.KIND) == 1
    assert count(settings.database_url, EnglishRequest.__table__,
                 EnglishRequest.status == "done",
                 EnglishRequest.answered_by == FIROZABAD_FACILITATOR) == 1
    (row,) = _audit(settings.database_url, "english")
    assert row.seller_id == meena and row.telegram_id == FIROZABAD_FACILITATOR


async def test_english_needed_of_another_district_is_not_shown(settings) -> None:
    settings = web_settings(settings)
    ids = seed(settings.database_url)
    await _queue_line(settings.database_url, ids["Meena Firozabad"])
    async with _signed_in(settings, AGRA_FACILITATOR, "hi") as web:
        page = await web.get("/staff/english")
        assert page.status_code == 200 and LINE not in page.text
        assert "अंग्रेज़ी" in page.text and 'lang="hi"' in page.text
        assert (await web.get("/staff/english?district=firozabad")).status_code == 404
        database = Database(settings.database_url)
        async with database.transaction() as session:
            (item,) = await english_screens.waiting(session, FIROZABAD, "firozabad")
        await database.dispose()
        answer = await web.post(f"/staff/english/{item.id}", data={
            "csrf": csrf(page.text), "english": "Mine now", "district": "agra"})
        assert answer.status_code == 404
    assert count(settings.database_url, OutboxMessage.__table__) == 0
    assert count(settings.database_url, EnglishRequest.__table__,
                 EnglishRequest.status == "open") == 1


# ------------------------------------------------------------------ operators


async def test_operators_invite_remove_and_mark_testers(settings) -> None:
    settings = web_settings(settings, admin_ids=frozenset({OPERATOR}))
    seed(settings.database_url)
    async with _signed_in(settings, OPERATOR) as web:
        page = await web.get("/staff/team")
        assert page.status_code == 200 and "Facilitators" in page.text
        assert str(AGRA_FACILITATOR) in page.text and str(FIROZABAD_FACILITATOR) in page.text
        token = csrf(page.text)
        answer = await web.post("/staff/team/invite",
                                data={"csrf": token, "districts": "Agra, Mathura"})
        assert answer.status_code == 200
        assert "https://t.me/haat_test_bot?start=fac_" in answer.text
        assert "Agra, Mathura" in answer.text
        answer = await web.post("/staff/team/invite",
                                data={"csrf": token, "districts": "Atlantis"})
        assert answer.status_code == 400 and "Atlantis" in answer.text
        # Removal is asked first; the GET changes nothing.
        engine = create_engine(sync_url(settings.database_url))
        with engine.connect() as conn:
            agra_row = conn.execute(select(Staff.id).where(
                Staff.telegram_id == AGRA_FACILITATOR)).scalar_one()
        engine.dispose()
        ask = await web.get(f"/staff/team/{agra_row}/remove")
        assert ask.status_code == 200 and "Yes, remove" in ask.text
        assert count(settings.database_url, Staff.__table__) == 2
        answer = await web.post(f"/staff/team/{agra_row}/remove", data={"csrf": token})
        assert answer.status_code == 303
        page = await web.get(answer.headers["location"])
        assert "Removed" in page.text and str(AGRA_FACILITATOR) not in page.text
        again = await web.post(f"/staff/team/{agra_row}/remove", data={"csrf": token})
        assert again.status_code == 404 and "already removed" in again.text
        answer = await web.post("/staff/team/tester",
                                data={"csrf": token, "telegram_id": "7770001"})
        assert answer.status_code == 303
        assert "7770001" in (await web.get("/staff/team")).text
        answer = await web.post("/staff/team/tester", data={
            "csrf": token, "telegram_id": "7770001", "stop": "1"})
        assert answer.status_code == 303
        assert "7770001" not in (await web.get("/staff/team")).text
        assert (await web.post("/staff/team/tester", data={
            "csrf": token, "telegram_id": "abc"})).status_code == 400
        log = await web.get("/staff/audit")
        for words in ("invited a facilitator", "removed a facilitator", "marked a tester",
                      "unmarked a tester", "agra mathura", str(AGRA_FACILITATOR)):
            assert words in log.text, words
    assert count(settings.database_url, Staff.__table__) == 1


async def test_a_facilitator_gets_no_operator_page(settings) -> None:
    settings = web_settings(settings, admin_ids=frozenset({OPERATOR}))
    seed(settings.database_url)
    engine = create_engine(sync_url(settings.database_url))
    with engine.connect() as conn:
        agra_row = conn.execute(select(Staff.id).where(
            Staff.telegram_id == AGRA_FACILITATOR)).scalar_one()
    engine.dispose()
    async with _signed_in(settings, FIROZABAD_FACILITATOR, "hi") as web:
        page = await web.get("/staff/")
        assert "/staff/team" not in page.text  # not in the menu either
        token = csrf(page.text)
        for url in ("/staff/team", f"/staff/team/{agra_row}/remove", "/staff/audit"):
            assert (await web.get(url)).status_code == 404, url
        for url, data in (("/staff/team/invite", {"districts": "Firozabad"}),
                          (f"/staff/team/{agra_row}/remove", {}),
                          ("/staff/team/tester", {"telegram_id": "7770001"})):
            answer = await web.post(url, data={"csrf": token, **data})
            assert answer.status_code == 404, url
            assert "ऑपरेटर" in answer.text  # "only an operator", in Hindi
    assert count(settings.database_url, Staff.__table__) == 2
    assert count(settings.database_url, StaffAudit.__table__,
                 StaffAudit.action != "login") == 0


async def test_hindi_pages(settings) -> None:
    settings = web_settings(settings, admin_ids=frozenset({OPERATOR}))
    seed(settings.database_url)
    async with _signed_in(settings, OPERATOR, "hi") as web:
        exports = (await web.get("/staff/exports?district=agra")).text
        assert "एक्सपोर्ट" in exports and "Exports and posters" not in exports
        team = (await web.get("/staff/team")).text
        assert "फ़ैसिलिटेटर" in team and "Invite a facilitator" not in team
        english = (await web.get("/staff/english")).text
        assert "अंग्रेज़ी" in english and "English needed" not in english


async def test_without_the_bots_name_a_poster_says_so(settings) -> None:
    """The bot's @username is asked of Telegram (getMe) when not given; Telegram out of
    reach: the poster (its QR code needs the name) is refused in words, nothing logged."""
    settings = web_settings(settings, token="123456:TEST", api_url="http://127.0.0.1:9")
    seed(settings.database_url)
    async with Bot(settings) as bot:
        path = await link(bot, FIROZABAD_FACILITATOR)
    app = application(Database(settings.database_url), settings, secret=SECRET)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE) as web:
        await sign_in(web, path)
        token = csrf((await web.get("/staff/exports")).text)
        answer = await web.post("/staff/posters/district",
                                data={"csrf": token, "district": "firozabad"})
        assert answer.status_code == 404 and "try again in a minute" in answer.text
    assert _audit(settings.database_url, "poster") == []


def test_districts_typed_for_an_invitation() -> None:
    assert operator_pages.parse_districts("Agra, Firozabad") == (["agra", "firozabad"], [])
    assert operator_pages.parse_districts("आगरा, फ़िरोज़ाबाद")[0] == ["agra", "firozabad"]
    assert operator_pages.parse_districts("agra mathura") == (["agra", "mathura"], [])
    assert operator_pages.parse_districts("Agra, Atlantis") == (["agra"], ["Atlantis"])
    assert operator_pages.parse_districts("all") == ([], ["all"])
