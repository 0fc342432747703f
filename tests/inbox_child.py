"""A bot process for the kill -9 tests (tests/test_inbox_processes.py): ``seller-bot run``'s
runtime (inbox, polling or webhook) with one recording handler, killed by itself
(SIGKILL) at the point named in HAAT_TEST_KILL ("point:n", at the n-th time it passes).

Points: ``after_insert`` (the update is written, not yet acknowledged: no 200, or the
offset not yet confirmed), ``after_claim`` (claimed and committed, handling not begun),
``mid_handling`` (the turn's transaction open, its write made), ``after_commit`` (the turn
committed, the reply not sent)."""

from __future__ import annotations

import asyncio
import os
import signal

from sqlalchemy import text
from telegram.ext import MessageHandler, filters

import handlers.common
from bot.app import build_application
from bot.db.engine import upgrade
from bot.logs import setup_logging
from bot.runtime import serve
from bot.runtime.intake import Intake
from bot.settings import load_settings

POINT, _, AT = os.environ.get("HAAT_TEST_KILL", "").partition(":")
_passed = 0


def tick(point: str) -> None:
    global _passed
    if point == POINT:
        _passed += 1
        if _passed == int(AT):
            os.kill(os.getpid(), signal.SIGKILL)


async def record(turn, update) -> None:
    await turn.session.execute(text("INSERT INTO handled (chat_id, update_id) VALUES (:c, :u)"),
                               {"c": turn.chat_id, "u": update.update_id})
    tick("mid_handling")
    turn.say(f"ok {update.update_id}")


def _patch() -> None:
    receive_many, handle, render = Intake.receive_many, Intake._handle, handlers.common.render

    async def receive_many_then_die(self, updates):
        new = await receive_many(self, updates)
        tick("after_insert")
        return new

    async def handle_after_claim(self, item):
        tick("after_claim")
        await handle(self, item)

    async def render_after_commit(update, context, turn):
        tick("after_commit")
        await render(update, context, turn)

    Intake.receive_many = receive_many_then_die
    Intake._handle = handle_after_claim
    handlers.common.render = render_after_commit


def main() -> None:
    settings = load_settings(env_file=None)
    setup_logging(settings.log_level, secrets=(settings.token, settings.webhook_secret))
    upgrade(settings.database_url)
    app = build_application(settings)
    app.handlers.clear()
    app.add_handler(MessageHandler(filters.ALL, handlers.common.turn_handler(
        record, with_update=True, needs_seller=False)))
    _patch()
    asyncio.run(serve.run(app, settings))


if __name__ == "__main__":
    main()
