"""The workshop pages: list, a workshop's page, create (typed dates, said back before
saving), edit, announce, move, cancel, check-in and the attendance file, through the
bot's services; another district's workshop is a 404, a facilitator does not run a
workshop that is also for another district, and every change is in the audit log."""

from __future__ import annotations

import csv
import io
import re
from contextlib import asynccontextmanager
from datetime import date, timedelta

from babel.dates import format_date
from sqlalchemy import select

from bot.app import build_sender
from bot.db.models import OutboxMessage, Rsvp, StaffAudit, Workshop
from tests.admin.seed import (
    AGRA_FACILITATOR,
    FIROZABAD_FACILITATOR,
    add_rsvp,
    add_workshop,
    seed,
    sql,
)
from tests.botkit import Bot
from tests.web.helpers import client, count, csrf, link, sign_in, web_settings

OPERATOR = 4449999
DAY = date.today() + timedelta(days=40)  # a day within the year ahead the form accepts


@asynccontextmanager
async def signed_in(settings, user_id: int, language: str = "en"):
    """An httpx client on the staff pages, signed in by the bot's link."""
    async with Bot(settings) as bot:
        path = await link(bot, user_id, language=language)
    async with client(settings) as web:
        assert (await sign_in(web, path)).status_code == 303
        yield web


def _workshops(database_url: str) -> list:
    return sql(database_url, select(Workshop.id, Workshop.title_en, Workshop.title_hi,
                                    Workshop.districts, Workshop.status,
                                    Workshop.starts_at, Workshop.duration_minutes
                                    ).order_by(Workshop.id))


FORM = {"title": "Selling glass online", "organiser": "odop", "topic": "Marketplaces",
        "starts": f"{DAY:%d.%m.%Y} 10:30", "duration": "2 घंटे", "mode": "place",
        "place": "DIC office, Firozabad", "districts": "firozabad",
        "session_language": "hi", "capacity": "40"}


async def test_a_facilitator_plans_announces_moves_and_cancels(settings) -> None:
    settings = web_settings(settings)
    ids = seed(settings.database_url)
    async with signed_in(settings, FIROZABAD_FACILITATOR) as web:
        page = await web.get("/staff/workshops/new")
        assert page.status_code == 200 and "When does it start" in page.text
        token = csrf(page.text)
        # A date that is not one: the bot's own words, nothing saved.
        wrong = await web.post("/staff/workshops/new",
                               data={**FORM, "starts": f"31.02.{DAY.year + 1} 10:00",
                                     "csrf": token})
        assert wrong.status_code == 422 and "does not exist" in wrong.text
        assert "Selling glass online" in wrong.text  # what was typed stays
        # Said back first (the bot's check_back), saved only on "Save".
        check = await web.post("/staff/workshops/new", data={**FORM, "csrf": token,
                                                             "step": "check"})
        assert check.status_code == 200 and "Please check your answers" in check.text
        assert format_date(DAY, "d MMMM", locale="en") in check.text
        assert "12:30" in check.text
        assert len(_workshops(settings.database_url)) == 1  # the seeded one only
        change = await web.post("/staff/workshops/new", data={**FORM, "csrf": token,
                                                              "step": "change"})
        assert change.status_code == 200 and 'value="Selling glass online"' in change.text
        assert "Please check your answers" not in change.text
        saved = await web.post("/staff/workshops/new", data={**FORM, "csrf": token,
                                                             "step": "save"})
        assert saved.status_code == 303, saved.text
        workshop_id = _workshops(settings.database_url)[-1].id
        assert saved.headers["location"] == f"/staff/workshops/{workshop_id}?done=created"
        row = _workshops(settings.database_url)[-1]
        assert row.title_en == "Selling glass online" and row.districts == ["firozabad"]
        assert row.status == "draft" and row.duration_minutes == 120
        listing = (await web.get("/staff/workshops")).text
        assert "Selling glass online" in listing and "draft" in listing

        page = await web.get(f"/staff/workshops/{workshop_id}")
        assert "Announce" in page.text and "DIC office" in page.text
        forged = await web.post(f"/staff/workshops/{workshop_id}/announce",
                                data={"csrf": "forged"})
        assert forged.status_code == 403 and _workshops(
            settings.database_url)[-1].status == "draft"
        announced = await web.post(f"/staff/workshops/{workshop_id}/announce",
                                   data={"csrf": token})
        assert announced.status_code == 303
        shown = (await web.get(announced.headers["location"])).text
        assert "Announced: 4 sellers" in shown
        assert count(settings.database_url, OutboxMessage.__table__,
                     OutboxMessage.kind == "w.announce") == 4

        add_rsvp(settings.database_url, workshop_id, ids["Meena Firozabad"], "going")
        add_rsvp(settings.database_url, workshop_id, ids["Rani Firozabad"], "maybe")
        moved = await web.post(f"/staff/workshops/{workshop_id}/move",
                               data={"starts": "कल सुबह 11 बजे", "duration": "13:00",
                                     "csrf": token, "step": "check"})
        assert moved.status_code == 200 and "Please check your answers" in moved.text
        moved = await web.post(f"/staff/workshops/{workshop_id}/move",
                               data={"starts": "कल सुबह 11 बजे", "duration": "13:00",
                                     "csrf": token, "step": "save"})
        assert moved.status_code == 303
        assert "2 people who answered will be told" in (
            await web.get(moved.headers["location"])).text
        assert _workshops(settings.database_url)[-1].duration_minutes == 120
        assert count(settings.database_url, OutboxMessage.__table__,
                     OutboxMessage.kind == "w.change") == 2

        confirm = await web.get(f"/staff/workshops/{workshop_id}/cancel")
        assert "Everyone who answered will be told" in confirm.text
        assert _workshops(settings.database_url)[-1].status == "published"
        cancelled = await web.post(f"/staff/workshops/{workshop_id}/cancel",
                                   data={"csrf": token, "step": "yes"})
        assert cancelled.status_code == 303
        assert _workshops(settings.database_url)[-1].status == "cancelled"
        # A move form opened before: refused in words, nothing changed or sent.
        late = await web.post(f"/staff/workshops/{workshop_id}/move",
                              data={"starts": "कल सुबह 9 बजे", "duration": "10:00",
                                    "csrf": token, "step": "save"})
        assert late.status_code == 409 and "cancelled, so it cannot be changed" in late.text
        assert count(settings.database_url, OutboxMessage.__table__,
                     OutboxMessage.kind == "w.change") == 2
    actions = [r.action for r in sql(settings.database_url, select(StaffAudit.action)
                                     .order_by(StaffAudit.id))]
    assert actions == ["login", "workshop_create", "workshop_announce", "workshop_move",
                       "workshop_cancel"]


async def test_edit_keeps_what_was_not_changed(settings) -> None:
    settings = web_settings(settings)
    seed(settings.database_url)
    workshop_id = add_workshop(settings.database_url, status="draft")
    async with signed_in(settings, FIROZABAD_FACILITATOR) as web:
        page = await web.get(f"/staff/workshops/{workshop_id}/edit")
        assert page.status_code == 200 and 'value="Packing glass safely"' in page.text
        token = csrf(page.text)
        # The form as shown, with one change: everything else reads back the same.
        fields = dict(re.findall(
            r'name="([a-z_]+)" maxlength="\d+" (?:placeholder="[^"]*" )?value="([^"]*)"',
            page.text))
        assert 'option value="firozabad" selected' in page.text
        fields.update({"organiser": "odop", "mode": "place", "session_language": "both",
                       "districts": "firozabad",
                       "capacity": "25", "csrf": token, "step": "save"})
        saved = await web.post(f"/staff/workshops/{workshop_id}/edit", data=fields)
        assert saved.status_code == 303, saved.text
    row = _workshops(settings.database_url)[-1]
    assert row.title_en == "Packing glass safely" and row.title_hi == "कांच की सुरक्षित पैकिंग"
    assert row.districts == ["firozabad"] and row.duration_minutes == 120
    assert count(settings.database_url, StaffAudit.__table__,
                 StaffAudit.action == "workshop_edit") == 1


async def test_another_districts_workshop_is_not_found(settings) -> None:
    settings = web_settings(settings)
    seed(settings.database_url)
    firozabad = add_workshop(settings.database_url, status="draft")
    async with signed_in(settings, AGRA_FACILITATOR) as web:
        token = csrf((await web.get("/staff/workshops")).text)
        assert "Packing glass" not in (await web.get("/staff/workshops")).text
        for url in ("", "/edit", "/move", "/cancel", "/checkin", "/attendance.xlsx"):
            assert (await web.get(f"/staff/workshops/{firozabad}{url}")).status_code == 404
        for url, data in (("/announce", {}), ("/cancel", {"step": "yes"}),
                          ("/move", {**FORM, "step": "save"}), ("/edit", {**FORM,
                                                                          "step": "save"}),
                          ("/present", {"seller": "1"})):
            answer = await web.post(f"/staff/workshops/{firozabad}{url}",
                                    data={**data, "csrf": token})
            assert answer.status_code == 404, url
        assert (await web.get(f"/staff/sellers?workshop={firozabad}")).status_code == 404
        # Planning for Firozabad: the bot's answer, nothing saved.
        answer = await web.post("/staff/workshops/new", data={
            **FORM, "districts": "", "districts__typed": "Agra, Firozabad", "csrf": token,
            "step": "save"})
        assert answer.status_code == 422 and "only for your districts" in answer.text
    rows = _workshops(settings.database_url)
    assert [r.status for r in rows] == ["published", "draft"] and len(rows) == 2
    assert count(settings.database_url, OutboxMessage.__table__) == 0
    assert count(settings.database_url, StaffAudit.__table__,
                 StaffAudit.action != "login") == 0


async def test_a_facilitator_does_not_run_a_two_district_workshop(settings) -> None:
    settings = web_settings(settings)
    ids = seed(settings.database_url)
    both = add_workshop(settings.database_url, districts=("agra", "firozabad"),
                        status="draft")
    add_rsvp(settings.database_url, both, ids["Ramesh Agra"], "going")
    add_rsvp(settings.database_url, both, ids["Meena Firozabad"], "going")
    async with signed_in(settings, AGRA_FACILITATOR) as web:
        page = await web.get(f"/staff/workshops/{both}")
        assert page.status_code == 200
        assert "Ramesh Agra" in page.text and "Meena" not in page.text  # her sellers only
        assert "only an operator can change it" in page.text
        assert "/announce" not in page.text and "/edit" not in page.text
        token = csrf(page.text)
        answer = await web.post(f"/staff/workshops/{both}/announce", data={"csrf": token})
        assert answer.status_code == 404 and "not yours" in answer.text
        assert (await web.get(f"/staff/workshops/{both}/edit")).status_code == 404
        answer = await web.post(f"/staff/workshops/{both}/cancel",
                                data={"csrf": token, "step": "yes"})
        assert answer.status_code == 404
        # She checks in her own district's seller, not the other's.
        checkin = await web.get(f"/staff/workshops/{both}/checkin")
        assert "Ramesh Agra" in checkin.text and "Meena" not in checkin.text
        answer = await web.post(f"/staff/workshops/{both}/present",
                                data={"csrf": token, "seller": str(ids["Meena Firozabad"])})
        assert answer.status_code == 404
        answer = await web.post(f"/staff/workshops/{both}/present",
                                data={"csrf": token, "seller": str(ids["Ramesh Agra"])})
        assert answer.status_code == 303
        attendance = await web.get(f"/staff/workshops/{both}/attendance.csv")
        assert attendance.status_code == 200
        assert "attachment" in attendance.headers["content-disposition"]
        rows = list(csv.reader(io.StringIO(attendance.content.decode("utf-8-sig"))))
        assert len(rows) == 2 and "Ramesh Agra" in rows[1] and "yes" in rows[1]
        assert (await web.get(f"/staff/workshops/{both}/attendance.xlsx")).content[:2] == b"PK"
    attended = sql(settings.database_url, select(Rsvp.seller_id).where(
        Rsvp.attended_at.is_not(None), Rsvp.workshop_id == both))
    assert [r.seller_id for r in attended] == [ids["Ramesh Agra"]]
    assert _workshops(settings.database_url)[-1].status == "draft"
    actions = sorted(r.action for r in sql(settings.database_url, select(StaffAudit.action)))
    assert actions == ["login", "workshop_export", "workshop_export", "workshop_present"]


async def test_the_page_shows_answers_by_district_and_feedback(settings) -> None:
    settings = web_settings(settings, admin_ids=frozenset({OPERATOR}))
    ids = seed(settings.database_url)
    both = add_workshop(settings.database_url, districts=("agra", "firozabad"), days=-1)
    add_rsvp(settings.database_url, both, ids["Ramesh Agra"], "going", attended=True,
             score=5)
    add_rsvp(settings.database_url, both, ids["Meena Firozabad"], "going", attended=True,
             score=3)
    add_rsvp(settings.database_url, both, ids["Rani Firozabad"], "no")
    sql(settings.database_url, Rsvp.__table__.update().where(
        Rsvp.seller_id == ids["Meena Firozabad"]).values(feedback_comment="<b>More</b> please"))
    async with signed_in(settings, OPERATOR) as web:
        page = (await web.get(f"/staff/workshops/{both}")).text
        assert "Feedback: 4.0 of 5 from 2 people" in page
        assert "&lt;b&gt;More&lt;/b&gt; please" in page
        assert all(n in page for n in ("Ramesh Agra", "Meena Firozabad", "Rani Firozabad"))
        assert "Past workshops" in (await web.get("/staff/workshops")).text
        # The sellers table, filtered by this workshop's answers.
        going = (await web.get(f"/staff/sellers?workshop={both}&answer=going")).text
        assert "Ramesh Agra" in going and "Meena Firozabad" in going and "Rani" not in going
        anyone = (await web.get(f"/staff/sellers?workshop={both}")).text
        assert "Rani Firozabad" in anyone and "Suresh" not in anyone
    async with signed_in(settings, FIROZABAD_FACILITATOR) as web:
        mine = (await web.get(f"/staff/sellers?workshop={both}")).text
        assert "Meena Firozabad" in mine and "Ramesh" not in mine


async def test_the_workshop_pages_in_hindi(settings) -> None:
    settings = web_settings(settings)
    seed(settings.database_url)
    async with signed_in(settings, FIROZABAD_FACILITATOR, "hi") as web:
        page = await web.get("/staff/workshops/new")
        assert 'lang="hi"' in page.text and "नई वर्कशॉप" in page.text
        answer = await web.post("/staff/workshops/new", data={
            **FORM, "title": "ऑनलाइन बेचना", "starts": f"{DAY:%d.%m.%Y} सुबह 10:30 बजे",
            "csrf": csrf(page.text), "step": "check"})
        assert answer.status_code == 200, answer.text
        assert format_date(DAY, "d MMMM", locale="hi") in answer.text


async def test_a_workshop_planned_on_the_page_reaches_the_sellers_in_their_language(
        settings) -> None:
    settings = web_settings(settings)
    seed(settings.database_url)
    async with Bot(settings) as bot:
        sender = build_sender(settings, bot.app.bot_data["runtime"].database,
                              request=bot.transport)
        await sender.bot.initialize()
        path = await link(bot, FIROZABAD_FACILITATOR)
        async with client(settings) as web:
            await sign_in(web, path)
            token = csrf((await web.get("/staff/workshops/new")).text)
            saved = await web.post("/staff/workshops/new", data={
                **FORM, "title_hi": "ऑनलाइन कांच बेचना", "csrf": token, "step": "save"})
            announced = await web.post(saved.headers["location"].split("?")[0]
                                       + "/announce", data={"csrf": token})
            assert announced.status_code == 303
        mark = len(bot.transport.calls)
        assert await sender.drain() == 4
        meena = bot.chat(user_id=6000003, language_code="hi")  # the seed's Meena (Hindi)
        assert "ऑनलाइन कांच बेचना" in meena.inbox(mark).text
        assert "Selling glass online" not in meena.inbox(mark).text
        await sender.bot.shutdown()


async def test_the_overview_lists_only_the_workshops_one_sees(settings) -> None:
    """The overview's coming workshops come from ``workshops.services.listed`` (the one
    access rule): Agra's facilitator does not see a Firozabad-only workshop there, its
    facilitator does, and a cancelled one is left out."""
    settings = web_settings(settings)
    seed(settings.database_url)
    add_workshop(settings.database_url, title="Glass for Firozabad only", days=5)
    add_workshop(settings.database_url, title="Packing for Agra", districts=("agra",), days=6)
    add_workshop(settings.database_url, title="Called off", districts=("agra",), days=7,
                 status="cancelled")
    async with signed_in(settings, AGRA_FACILITATOR) as web:
        overview = (await web.get("/staff/")).text
    assert "Packing for Agra" in overview and "Glass for Firozabad only" not in overview
    assert "Called off" not in overview
    async with signed_in(settings, FIROZABAD_FACILITATOR) as web:
        overview = (await web.get("/staff/")).text
    assert "Glass for Firozabad only" in overview and "Packing for Agra" not in overview
