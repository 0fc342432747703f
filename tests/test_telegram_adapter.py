"""Pieces of the Telegram adapter: commands in both languages, message splitting, webhook."""

from __future__ import annotations

import json
import logging

import httpx
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from bot.app import _post_init, bot_commands
from bot.runtime.asgi import MAX_BODY, make_web_app
from bot.runtime.delivery import split_text
from bot.runtime.serve import intake_for
from tests.botkit import Bot, count_rows


def test_commands_in_both_languages() -> None:
    english = {c.command: c.description for c in bot_commands("en")}
    hindi = {c.command: c.description for c in bot_commands("hi")}
    assert english.keys() == hindi.keys() >= {"start", "menu", "steps", "profile", "language",
                                              "help", "cancel", "mydata", "delete"}
    assert all(english[k] != hindi[k] for k in english)
    assert all(len(d) <= 256 for d in [*english.values(), *hindi.values()])


async def test_commands_registered_with_telegram(sqlite_settings) -> None:
    async with Bot(sqlite_settings) as bot:
        await _post_init(bot.app)
    calls = [c for c in bot.transport.calls if c.method == "setMyCommands"]
    assert len(calls) == 2
    assert "language_code" not in calls[0].params
    assert calls[1].params["language_code"] == "hi"


def test_split_text_keeps_lines_and_limit() -> None:
    text = "\n".join(f"line {i} " + "क" * 90 for i in range(200))
    parts = split_text(text)
    assert len(parts) > 1 and all(len(p) <= 4096 for p in parts)
    assert "\n".join(parts) == text
    assert split_text("x" * 5000) == ["x" * 4096, "x" * 904]


def _client(web) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=web), base_url="http://bot")


async def test_webhook_checks_secret(sqlite_settings) -> None:
    async with Bot(sqlite_settings) as bot:
        intake = intake_for(bot.app, sqlite_settings)
        web = make_web_app(bot.app.bot, intake.receive, "/hook", "s3cret-token")
        update = {"update_id": 1, "message": {"message_id": 1, "date": 0, "text": "/start",
                                              "chat": {"id": 5, "type": "private"},
                                              "from": {"id": 5, "is_bot": False,
                                                       "first_name": "A"}}}
        async with _client(web) as client:
            wrong = await client.post("/hook", content=json.dumps(update), headers={
                "X-Telegram-Bot-Api-Secret-Token": "s3cret-tokem"})
            missing = await client.post("/hook", content=json.dumps(update))
            bad_json = await client.post("/hook", content=b"{", headers={
                "X-Telegram-Bot-Api-Secret-Token": "s3cret-token"})
            right = await client.post("/hook", content=json.dumps(update), headers={
                "X-Telegram-Bot-Api-Secret-Token": "s3cret-token"})
            again = await client.post("/hook", content=json.dumps(update), headers={
                "X-Telegram-Bot-Api-Secret-Token": "s3cret-token"})
            get = await client.get("/hook")
        assert (wrong.status_code, missing.status_code) == (403, 403)
        assert bad_json.status_code == 400
        # Written before the 200; Telegram's second delivery is acknowledged and ignored.
        assert (right.status_code, again.status_code) == (200, 200)
        assert get.status_code == 405
    assert count_rows(sqlite_settings.database_url, "inbox") == 1


async def test_webhook_junk_is_400_with_one_log_line(sqlite_settings, caplog) -> None:
    """Issue 7 item 13: bodies that are JSON but no update are refused, not a 500."""
    async with Bot(sqlite_settings) as bot:
        intake = intake_for(bot.app, sqlite_settings)
        web = make_web_app(bot.app.bot, intake.receive, "/hook", None)
        junk = [b"[1,2]", b"null", b"[" * 100_000 + b"]" * 100_000, b'"text"', b"{}",
                b'{"update_id": "1"}', b'{"update_id": 1, "message": {"chat": 5}}',
                b'{"update_id": 1, "x": "\xff"}',
                b" " * (MAX_BODY + 1)]
        async with _client(web) as client:
            caplog.clear()
            answers = [await client.post("/hook", content=body) for body in junk]
        assert [a.status_code for a in answers] == [400] * (len(junk) - 1) + [413]
        # Our own lines only: the test client (httpx) logs its requests as well.
        records = [r for r in caplog.records
                   if r.levelno >= logging.INFO and r.name.startswith("haat")]
        assert len(records) == len(junk), [r.getMessage() for r in records]
        assert all(r.exc_info is None and "\n" not in r.getMessage() for r in records)
    assert count_rows(sqlite_settings.database_url, "inbox") == 0


async def test_webhook_extra_routes_share_the_server(sqlite_settings) -> None:
    """The hook for /healthz, /metrics and staff pages: more routes on the same app."""
    async def hello(request):
        return PlainTextResponse("ok")

    async with Bot(sqlite_settings) as bot:
        intake = intake_for(bot.app, sqlite_settings)
        web = make_web_app(bot.app.bot, intake.receive, "/hook", None,
                           routes=[Route("/healthz", hello)])
        async with _client(web) as client:
            assert (await client.get("/healthz")).text == "ok"
            assert (await client.get("/elsewhere")).status_code == 404
