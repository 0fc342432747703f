"""The bot over real HTTP: PTB's HTTPXRequest, long polling, the rate limiter, against a
loopback Bot API stub that speaks the documented protocol."""

from __future__ import annotations

import asyncio
import email.parser
import email.policy
import http.server
import itertools
import json
import threading
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

import bot.app
from bot.db.engine import upgrade
from bot.i18n import _, use_locale
from bot.settings import Settings
from tests.local_server import LocalServer

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
BOT_USER = {"id": 123456789, "is_bot": True, "first_name": "Haat", "username": "haat_bot",
            "can_join_groups": False, "can_read_all_group_messages": False,
            "supports_inline_queries": False}
USER = {"id": 4440001, "is_bot": False, "first_name": "Sunita", "language_code": "hi"}
# Parameters that are plain strings on the wire; the others are JSON-encoded by PTB.
_STRING_PARAMS = {"text", "caption", "callback_query_id", "inline_message_id", "language_code",
                  "scope_name", "url", "secret_token", "parse_mode"}


@dataclass
class ApiCall:
    path: str
    method: str
    params: dict[str, Any]
    content_type: str


class BotApiStub:
    """The Bot API methods the bot uses, recorded; getUpdates long-polls a queue."""

    def __init__(self, token: str):
        self.token = token
        self.calls: list[ApiCall] = []
        self.unknown_paths: list[str] = []
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._cond = threading.Condition()
        self._closing = False
        stub = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as httpx expects

            def do_POST(self) -> None:
                stub._handle(self)

            do_GET = do_POST

            def log_message(self, *args: Any) -> None:
                pass

        self.server = LocalServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, args=(0.05,),
                                        daemon=True)

    # ------------------------------------------------------------ lifecycle
    def __enter__(self) -> BotApiStub:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        with self._cond:
            self._closing = True
            self._cond.notify_all()
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(timeout=5)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # ------------------------------------------------------------ test side
    def queue(self, kind: str, payload: dict[str, Any]) -> None:
        with self._cond:
            self._updates.append({"update_id": next(self._update_ids), kind: payload})
            self._cond.notify_all()

    def snapshot(self) -> list[ApiCall]:
        with self._cond:
            return list(self.calls)

    # ------------------------------------------------------------ protocol
    @staticmethod
    def _read_body(request: http.server.BaseHTTPRequestHandler) -> bytes:
        if request.headers.get("Transfer-Encoding", "").lower() == "chunked":
            body = b""
            while True:
                size = int(request.rfile.readline().split(b";")[0], 16)
                if size == 0:
                    request.rfile.readline()
                    return body
                body += request.rfile.read(size)
                request.rfile.readline()
        return request.rfile.read(int(request.headers.get("Content-Length") or 0))

    @staticmethod
    def _decode(name: str, raw: str) -> Any:
        if name in _STRING_PARAMS:
            return raw
        try:
            return json.loads(raw)
        except ValueError:
            return raw

    def _params(self, content_type: str, body: bytes) -> dict[str, Any]:
        kind = content_type.split(";")[0].strip().lower()
        if not body:
            return {}
        if kind == "application/json":
            return json.loads(body)
        if kind == "application/x-www-form-urlencoded":
            return {k: self._decode(k, v)
                    for k, v in parse_qsl(body.decode(), keep_blank_values=True)}
        if kind == "multipart/form-data":
            message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
                f"Content-Type: {content_type}\r\n\r\n".encode() + body)
            params: dict[str, Any] = {}
            for part in message.iter_parts():
                name = part.get_param("name", header="content-disposition")
                data = part.get_payload(decode=True) or b""
                if part.get_filename():
                    params[name] = {"filename": part.get_filename(), "size": len(data)}
                else:
                    params[name] = self._decode(name, data.decode())
            return params
        raise AssertionError(f"unexpected Content-Type {content_type!r}")

    def _handle(self, request: http.server.BaseHTTPRequestHandler) -> None:
        body = self._read_body(request)
        path = urlsplit(request.path).path
        prefix = f"/bot{self.token}/"
        if not path.startswith(prefix):
            with self._cond:
                self.unknown_paths.append(path)
            self._reply(request, 404, {"ok": False, "error_code": 404,
                                       "description": "Not Found"})
            return
        method = path[len(prefix):]
        content_type = request.headers.get("Content-Type", "")
        params = self._params(content_type, body)
        with self._cond:
            self.calls.append(ApiCall(path, method, params, content_type))
        try:
            result = self._answer(method, params)
        except Exception as exc:  # a malformed request: answer as Telegram would
            self._reply(request, 400, {"ok": False, "error_code": 400,
                                       "description": f"Bad Request: {exc}"})
            return
        self._reply(request, 200, {"ok": True, "result": result})

    @staticmethod
    def _reply(request: http.server.BaseHTTPRequestHandler, status: int,
               payload: dict[str, Any]) -> None:
        data = json.dumps(payload).encode()
        try:
            request.send_response(status)
            request.send_header("Content-Type", "application/json")
            request.send_header("Content-Length", str(len(data)))
            request.end_headers()
            request.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (shutdown during a long poll)

    def _message(self, params: dict[str, Any], **extra: Any) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        message = {"message_id": next(self._message_ids), "date": int(time.time()),
                   "from": BOT_USER, "chat": {"id": chat_id, "type": "private"},
                   "text": params["text"]}
        if params.get("reply_markup") and "inline_keyboard" in params["reply_markup"]:
            message["reply_markup"] = params["reply_markup"]
        message.update(extra)
        return message

    def _answer(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT_USER
        if method == "getUpdates":
            offset = int(params.get("offset") or 0)
            timeout = min(float(params.get("timeout") or 0), 1.0)
            deadline = time.monotonic() + timeout
            with self._cond:
                while True:
                    # Updates below the offset are confirmed: Telegram forgets them.
                    self._updates = [u for u in self._updates if u["update_id"] >= offset]
                    if self._updates or self._closing:
                        return list(self._updates)
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        return []
                    self._cond.wait(remaining)
        if method == "sendMessage":
            return self._message(params)
        if method == "editMessageText":
            if "inline_message_id" in params:
                return True
            return self._message(params, message_id=int(params["message_id"]),
                                 edit_date=int(time.time()))
        return True  # deleteWebhook, answerCallbackQuery, setMyCommands, ...


def _markup_data(call: ApiCall) -> list[str]:
    markup = call.params.get("reply_markup") or {}
    return [button.get("callback_data", "") for row in markup.get("inline_keyboard", [])
            for button in row]


async def _wait_for(stub: BotApiStub, what: str, predicate, deadline: float) -> ApiCall:
    while time.monotonic() < deadline:
        for call in stub.snapshot():
            if predicate(call):
                return call
        await asyncio.sleep(0.02)
    calls = [(c.method, c.params.get("text")) for c in stub.snapshot() if c.method != "getUpdates"]
    raise AssertionError(f"timed out waiting for {what}; calls so far: {calls}")


async def _message_id_of(stub: BotApiStub, call: ApiCall) -> int:
    """The message id the stub answered for a sendMessage/editMessageText call."""
    if call.method == "editMessageText":
        return int(call.params["message_id"])
    sent = [c for c in stub.snapshot() if c.method == "sendMessage"]
    return sent.index(call) + 1  # the stub numbers sent messages 1, 2, 3...


def _callback(data: str, message_id: int) -> dict[str, Any]:
    return {"id": f"cb-{data}", "from": USER, "chat_instance": "http-test", "data": data,
            "message": {"message_id": message_id, "date": int(time.time()), "from": BOT_USER,
                        "chat": {"id": USER["id"], "type": "private"}, "text": "…"}}


async def test_onboarding_over_real_http_long_polling(tmp_path, monkeypatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
                 "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    with use_locale("hi"):
        name_question = _("What is your name?")
    if name_question == "What is your name?":
        pytest.fail("the Hindi catalog is not compiled: run "
                    "`.venv/bin/pybabel compile -d locales -D messages` (make catalogs)")
    assert "नाम" in name_question

    database_url = f"sqlite:///{tmp_path}/haat.db"
    upgrade(database_url)
    with BotApiStub(TOKEN) as stub:
        settings = Settings(token=TOKEN, api_url=stub.base_url, database_url=database_url)
        app = bot.app.build_application(settings)  # real HTTPXRequest, rate limiter on
        assert app.bot.base_url == f"{stub.base_url}/bot{TOKEN}"
        deadline = time.monotonic() + 120  # a deadline, not a pace: a loaded CI is slow
        try:
            async with app:
                await app.start()
                await app.updater.start_polling(poll_interval=0, timeout=1)
                try:
                    stub.queue("message", {
                        "message_id": 501, "date": int(time.time()), "from": USER,
                        "chat": {"id": USER["id"], "type": "private"}, "text": "/start",
                        "entities": [{"type": "bot_command", "offset": 0, "length": 6}]})
                    languages = await _wait_for(
                        stub, "the language question",
                        lambda c: c.method == "sendMessage" and "l|hi" in _markup_data(c),
                        deadline)
                    assert int(languages.params["chat_id"]) == USER["id"]
                    stub.queue("callback_query",
                               _callback("l|hi", await _message_id_of(stub, languages)))

                    consent = await _wait_for(
                        stub, "the consent question",
                        lambda c: c.method in ("sendMessage", "editMessageText")
                        and any(d.startswith("c|yes|hi|") for d in _markup_data(c)),
                        deadline)
                    assert "सहमत" in consent.params["text"]  # asked in Hindi
                    agree = next(d for d in _markup_data(consent) if d.startswith("c|yes|"))
                    stub.queue("callback_query",
                               _callback(agree, await _message_id_of(stub, consent)))

                    asked = await _wait_for(
                        stub, "the Hindi name question",
                        lambda c: c.method in ("sendMessage", "editMessageText")
                        and name_question in str(c.params.get("text", "")), deadline)
                    assert "नाम" in asked.params["text"]
                    assert int(asked.params["chat_id"]) == USER["id"]
                    # Both button presses were answered (the spinner stops on the phone).
                    answered = {c.params.get("callback_query_id") for c in stub.snapshot()
                                if c.method == "answerCallbackQuery"}
                    assert {"cb-l|hi", f"cb-{agree}"} <= answered, answered
                finally:
                    await app.updater.stop()
                    await app.stop()
        finally:
            await bot.app.dispose(app)

    calls = stub.snapshot()
    assert not stub.unknown_paths, stub.unknown_paths
    assert calls and all(c.path.startswith(f"/bot{TOKEN}/") for c in calls)
    methods = {c.method for c in calls}
    assert {"getMe", "getUpdates", "sendMessage", "answerCallbackQuery"} <= methods, methods
    # Every update was confirmed: the last getUpdates asked past the last update (id 3).
    offsets = [int(c.params.get("offset") or 0) for c in calls if c.method == "getUpdates"]
    assert max(offsets) == 4, offsets
    # Each update was handled once: one language question, one consent question.
    assert sum("l|hi" in _markup_data(c) for c in calls) == 1
    assert sum(any(d.startswith("c|yes|hi|") for d in _markup_data(c)) for c in calls) == 1
