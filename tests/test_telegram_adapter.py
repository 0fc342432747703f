"""Pieces of the Telegram adapter: commands in both languages, message splitting, webhook."""

from __future__ import annotations

import asyncio
import json
import logging
import socket

import httpx

from bot.app import _post_init, bot_commands
from bot.runtime.delivery import split_text
from tests.botkit import Bot


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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_webhook_checks_secret(sqlite_settings) -> None:
    from tornado.httpserver import HTTPServer

    from bot.runtime.webhook import make_web_app

    async with Bot(sqlite_settings) as bot:
        port = _free_port()
        server = HTTPServer(make_web_app(bot.app, "/hook", "s3cret-token"))
        server.listen(port, address="127.0.0.1")
        update = {"update_id": 1, "message": {"message_id": 1, "date": 0, "text": "/start",
                                              "chat": {"id": 5, "type": "private"},
                                              "from": {"id": 5, "is_bot": False,
                                                       "first_name": "A"}}}
        try:
            async with httpx.AsyncClient() as client:
                url = f"http://127.0.0.1:{port}/hook"
                wrong = await client.post(url, content=json.dumps(update), headers={
                    "X-Telegram-Bot-Api-Secret-Token": "s3cret-tokem"})
                missing = await client.post(url, content=json.dumps(update))
                bad_json = await client.post(url, content=b"{", headers={
                    "X-Telegram-Bot-Api-Secret-Token": "s3cret-token"})
                right = await client.post(url, content=json.dumps(update), headers={
                    "X-Telegram-Bot-Api-Secret-Token": "s3cret-token"})
        finally:
            server.stop()
        assert (wrong.status_code, missing.status_code) == (403, 403)
        assert bad_json.status_code == 400
        assert right.status_code == 200
        received = await asyncio.wait_for(bot.app.update_queue.get(), 1)
        assert received.update_id == 1 and bot.app.update_queue.empty()


async def test_webhook_junk_is_400_with_one_log_line(sqlite_settings, caplog) -> None:
    """Issue 7 item 13: bodies that are JSON but no update are refused, not a 500."""
    from tornado.httpserver import HTTPServer

    from bot.runtime.webhook import make_web_app

    async with Bot(sqlite_settings) as bot:
        port = _free_port()
        server = HTTPServer(make_web_app(bot.app, "/hook", None))
        server.listen(port, address="127.0.0.1")
        junk = [b"[1,2]", b"null", b"[" * 100_000 + b"]" * 100_000, b'"text"', b"{}",
                b'{"update_id": "1"}', b'{"update_id": 1, "message": {"chat": 5}}']
        try:
            async with httpx.AsyncClient() as client:
                url = f"http://127.0.0.1:{port}/hook"
                caplog.clear()
                answers = [await client.post(url, content=body) for body in junk]
        finally:
            server.stop()
        assert [a.status_code for a in answers] == [400] * len(junk)
        # Our own lines only: the test client (httpx) logs its requests as well.
        records = [r for r in caplog.records
                   if r.levelno >= logging.INFO and r.name.startswith("haat")]
        assert len(records) == len(junk), [r.getMessage() for r in records]
        assert all(r.exc_info is None and "\n" not in r.getMessage() for r in records)
        assert bot.app.update_queue.empty()
