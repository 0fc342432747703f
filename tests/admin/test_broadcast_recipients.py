"""Issue 20, items 6 and 10: a broadcast's recipient list as a file, each seller with a
status; after a crash, who is "unknown" is named, and staff may send to them again,
deliberately, as new outbox rows (never the old ones). In Hindi."""

from __future__ import annotations

import io

import openpyxl
from sqlalchemy import select, update

from bot.admin import broadcasting
from bot.db.models import OutboxMessage, utcnow
from tests.admin.seed import FIROZABAD_FACILITATOR, seed, sql
from tests.botkit import Bot


def _sql(settings, statement):
    return sql(settings.database_url, statement)


async def test_unknown_are_named_and_resent_once_in_hindi(settings) -> None:
    ids = seed(settings.database_url)
    async with Bot(settings) as bot:
        runtime = bot.app.bot_data["runtime"]
        async with runtime.database.transaction() as session:
            role = await runtime.staff_lookup(session, FIROZABAD_FACILITATOR, False)
            broadcast = await broadcasting.create(
                session, role, district="firozabad", craft=None, stage=None,
                text_en="GST camp on Monday", text_hi="सोमवार को GST कैंप", now=utcnow())
            assert await broadcasting.send(session, role, broadcast, now=utcnow()) == 4
        # The sender died mid-broadcast: Meena's and Rani's copies ended "unknown".
        unknown = {ids["Meena Firozabad"], ids["Rani Firozabad"]}
        _sql(settings, update(OutboxMessage).where(OutboxMessage.seller_id.in_(unknown))
             .values(status="unknown", error="lease expired while sending"))
        _sql(settings, update(OutboxMessage).where(OutboxMessage.seller_id.not_in(unknown))
             .values(status="sent", sent_at=utcnow()))
        chat = bot.chat(user_id=FIROZABAD_FACILITATOR, language_code="hi")
        screen = await chat.press_data(f"sb|{broadcast}|status")
        assert "2" in screen.text and "❓" in screen.text
        screen = await chat.press("📄")
        (name, data), = screen.documents
        sheet = openpyxl.load_workbook(io.BytesIO(data)).active
        rows = {row[1]: row[3] for row in sheet.iter_rows(min_row=2, values_only=True)}
        assert rows["Meena Firozabad"] == rows["Rani Firozabad"] != rows["Gita Firozabad"]
        assert len(rows) == 4
        # Resend: asked first, with the warning that some may get it twice.
        await chat.press_data(f"sb|{broadcast}|status")
        screen = await chat.press("🔁")
        assert "दो बार" in screen.text
        screen = await chat.press("🔁")  # "yes, send again"
        keys = {key for key, in _sql(settings, select(OutboxMessage.dedupe_key))}
        assert {f"b:{broadcast}:{seller}:r1" for seller in unknown} <= keys
        old = _sql(settings, select(OutboxMessage.status).where(
            OutboxMessage.dedupe_key == f"b:{broadcast}:{ids['Meena Firozabad']}"))
        assert old == [("unknown",)]  # the old row is never touched
        before = len(keys)
        await chat.press_data(f"sb|{broadcast}|resend_yes")  # a repeated or crafted press
        assert len(_sql(settings, select(OutboxMessage.id))) == before
        # Another district's facilitator cannot see or resend it.
        other = bot.chat(user_id=4441001)
        screen = await other.press_data(f"sb|{broadcast}|file")
        assert not screen.documents
