"""The terminal chat shows outbox messages as they fall due, and ``/later`` moves the
outbox's clock so that tomorrow's reminder can be tried now."""

from __future__ import annotations

import io
import time
from datetime import timedelta

from bot.cli.chat import USER, TerminalChat, parse_later
from bot.db import sellers
from bot.db.engine import Database
from bot.db.models import utcnow
from bot.outbox import notices


class SlowInput(io.StringIO):
    """Piped input that waits before each line, as a person would."""

    def readline(self, *args) -> str:
        time.sleep(1.5)
        return super().readline(*args)


def test_parse_later():
    assert parse_later("23h") == timedelta(hours=23)
    assert parse_later(" 90m") == timedelta(minutes=90)
    assert parse_later("2d") == timedelta(days=2)
    assert parse_later("soon") is None


async def test_terminal_chat_prints_due_outbox_messages(sqlite_settings) -> None:
    database = Database(sqlite_settings.database_url)
    now = utcnow()
    async with database.transaction() as session:
        seller, _ = await sellers.create(session, USER["id"], USER["id"], "en")
        await notices.enqueue(session, key="t:now", seller_id=seller.id,
                              texts={"en": "Hello from the outbox"}, due_at=now, now=now)
        await notices.enqueue(session, key="t:tomorrow", seller_id=seller.id,
                              texts={"en": "Tomorrow's reminder"},
                              due_at=now + timedelta(hours=23), now=now)
    await database.dispose()
    out = io.StringIO()
    chat = TerminalChat(sqlite_settings, out=out)
    await chat.run(SlowInput("/later 23h\n\n"))
    text = out.getvalue()
    assert "Hello from the outbox" in text
    assert "Tomorrow's reminder" in text
    assert text.index("Hello from the outbox") < text.index("/later") < text.index(
        "Tomorrow's reminder")
