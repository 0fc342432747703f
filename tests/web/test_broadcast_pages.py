"""The broadcast pages: the bot's form, the audience (count, names, languages) and a sample
in each language before anything is sent, sending through the outbox after the quiet
hours unless urgent, the per-recipient report, stopping; another district's is a 404."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.admin.broadcasting import goes_at
from bot.db.models import Broadcast, OutboxMessage, StaffAudit, as_utc, utcnow
from tests.admin.seed import AGRA_FACILITATOR, FIROZABAD_FACILITATOR, seed, sql
from tests.web.helpers import count, csrf, web_settings
from tests.web.test_workshop_pages import signed_in

MESSAGE = {"text": "Workshop on GST this Friday at the DIC office.", "stage": "all",
           "when": "normal"}


def _due(database_url: str) -> list:
    return [as_utc(r.due_at) for r in sql(database_url, select(OutboxMessage.due_at).where(
        OutboxMessage.kind == "broadcast", OutboxMessage.status == "pending"))]


async def test_preview_then_send_after_the_quiet_hours(settings) -> None:
    settings = web_settings(settings)
    seed(settings.database_url)
    async with signed_in(settings, FIROZABAD_FACILITATOR) as web:
        page = await web.get("/staff/broadcasts")  # her one district, asked no question
        assert page.status_code == 200 and "Firozabad" in page.text
        token = csrf(page.text)
        empty = await web.post("/staff/broadcasts", data={**MESSAGE, "text": " ",
                                                           "district": "firozabad",
                                                           "csrf": token})
        assert empty.status_code == 422
        made = await web.post("/staff/broadcasts", data={**MESSAGE, "district": "firozabad",
                                                          "csrf": token})
        assert made.status_code == 303
        preview = (await web.get(made.headers["location"])).text
        assert "It will go to 4 sellers." in preview
        assert "Meena Firozabad" in preview and "Gita Firozabad" in preview
        assert "Hindi: 4 sellers" in preview and "they get the English text" in preview
        assert "Sample for sellers who read Hindi" in preview
        assert "Workshop on GST" in preview and "फिरोजाबाद" in preview
        assert count(settings.database_url, OutboxMessage.__table__) == 0  # nothing yet
        broadcast_id = int(made.headers["location"].split("/")[-1].split("?")[0])
        before = utcnow()
        sent = await web.post(f"/staff/broadcasts/{broadcast_id}/send",
                              data={"csrf": csrf(preview), "urgent": "0"})
        after = utcnow()
        assert sent.status_code == 303
        assert _due(settings.database_url) and all(
            due in (goes_at(before, urgent=False), goes_at(after, urgent=False))
            for due in _due(settings.database_url))
        report = (await web.get(sent.headers["location"])).text
        assert "Queued." in report and "waiting: 4" in report
        assert report.count("/staff/sellers/") == 4
        again = await web.post(f"/staff/broadcasts/{broadcast_id}/send",
                               data={"csrf": token, "urgent": "0"})
        assert "done=again" in again.headers["location"]
        assert len(_due(settings.database_url)) == 4  # queued once
        stopped = await web.post(f"/staff/broadcasts/{broadcast_id}/stop",
                                 data={"csrf": token})
        assert stopped.status_code == 303
        assert "not sent: 4" in (await web.get(stopped.headers["location"])).text
        assert _due(settings.database_url) == []
    actions = [r.action for r in sql(settings.database_url, select(StaffAudit.action)
                                     .order_by(StaffAudit.id))]
    assert actions == ["login", "broadcast_send", "broadcast_stop"]


async def test_an_urgent_broadcast_to_the_stuck_goes_at_once(settings) -> None:
    settings = web_settings(settings)
    seed(settings.database_url)
    async with signed_in(settings, FIROZABAD_FACILITATOR, "hi") as web:
        page = await web.get("/staff/broadcasts")
        assert 'lang="hi"' in page.text
        made = await web.post("/staff/broadcasts", data={
            **MESSAGE, "stage": "profile", "when": "urgent", "district": "firozabad",
            "csrf": csrf(page.text)})
        preview = (await web.get(made.headers["location"])).text
        assert "3 सेलर" in preview and "HYPERLINK" not in preview
        broadcast_id = int(made.headers["location"].split("/")[-1].split("?")[0])
        await web.post(f"/staff/broadcasts/{broadcast_id}/send",
                       data={"csrf": csrf(preview), "urgent": "1"})
    due = _due(settings.database_url)
    assert len(due) == 3 and all(d <= utcnow() + timedelta(seconds=1) for d in due)


async def test_agra_cannot_write_to_firozabad(settings) -> None:
    settings = web_settings(settings)
    seed(settings.database_url)
    async with signed_in(settings, FIROZABAD_FACILITATOR) as web:
        page = await web.get("/staff/broadcasts")
        made = await web.post("/staff/broadcasts", data={**MESSAGE, "district": "firozabad",
                                                          "csrf": csrf(page.text)})
        broadcast_id = int(made.headers["location"].split("/")[-1].split("?")[0])
    async with signed_in(settings, AGRA_FACILITATOR) as web:
        page = await web.get("/staff/broadcasts")
        token = csrf(page.text)
        assert (await web.get("/staff/broadcasts?district=firozabad")).status_code == 404
        answer = await web.post("/staff/broadcasts", data={**MESSAGE, "district": "firozabad",
                                                            "csrf": token})
        assert answer.status_code == 404
        assert (await web.get(f"/staff/broadcasts/{broadcast_id}")).status_code == 404
        for action in ("send", "stop"):
            answer = await web.post(f"/staff/broadcasts/{broadcast_id}/{action}",
                                    data={"csrf": token, "urgent": "1"})
            assert answer.status_code == 404
        # and without the form's token: refused before anything is looked at
        answer = await web.post("/staff/broadcasts", data={**MESSAGE, "district": "agra"})
        assert answer.status_code == 403
    assert count(settings.database_url, OutboxMessage.__table__) == 0
    assert count(settings.database_url, Broadcast.__table__) == 1
    assert [r.status for r in sql(settings.database_url, select(Broadcast.status))] == [
        "draft"]


async def test_resend_to_those_whose_copy_is_unknown(settings) -> None:
    settings = web_settings(settings)
    ids = seed(settings.database_url)
    async with signed_in(settings, FIROZABAD_FACILITATOR) as web:
        page = await web.get("/staff/broadcasts")
        made = await web.post("/staff/broadcasts", data={**MESSAGE, "district": "firozabad",
                                                          "csrf": csrf(page.text)})
        broadcast_id = int(made.headers["location"].split("/")[-1].split("?")[0])
        token = csrf(page.text)
        await web.post(f"/staff/broadcasts/{broadcast_id}/send",
                       data={"csrf": token, "urgent": "1"})
        # The sender stopped while sending Meena's copy: nobody knows if it arrived.
        sql(settings.database_url, OutboxMessage.__table__.update().where(
            OutboxMessage.seller_id == ids["Meena Firozabad"]).values(status="unknown"))
        report = (await web.get(f"/staff/broadcasts/{broadcast_id}")).text
        assert "unknown: 1" in report and "/resend" in report
        ask = await web.get(f"/staff/broadcasts/{broadcast_id}/resend")
        assert "may get it twice" in ask.text
        assert count(settings.database_url, OutboxMessage.__table__) == 4  # not yet
        done = await web.post(f"/staff/broadcasts/{broadcast_id}/resend",
                              data={"csrf": token, "step": "yes"})
        assert done.headers["location"].endswith("done=resent")
        again = await web.post(f"/staff/broadcasts/{broadcast_id}/resend",
                               data={"csrf": token, "step": "yes"})
        assert again.headers["location"].endswith("done=again")
    assert count(settings.database_url, OutboxMessage.__table__,
                 OutboxMessage.seller_id == ids["Meena Firozabad"]) == 2
    assert count(settings.database_url, StaffAudit.__table__,
                 StaffAudit.action == "broadcast_resend") == 1
