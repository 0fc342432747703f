"""The bot's web server: one Starlette application served by uvicorn in the bot's own event
loop (python-telegram-bot's ``examples/customwebhookbot/starlettebot.py`` pattern).

``POST <webhook path>``: Telegram's secret header is checked in constant time
(``hmac.compare_digest``; PTB's built-in server compares with ``!=``), the body is bounded,
and the update is written to the inbox before the 200 (``receive``). Refusals are one log
line, without the body (it may hold a seller's message) or a traceback.
``operator_routes``: ``GET /healthz`` (``seller-bot health`` as a page: 200 or 503) and
``GET /metrics`` (Prometheus' text format); keep both off the internet at the TLS proxy
(deploy/Caddyfile). ``routes``: more routes on the same server (staff pages).
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
from collections.abc import Awaitable, Callable, Iterator, Sequence

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route
from telegram import Bot, Update

from bot.db.engine import Database
from bot.runtime import health, metrics
from bot.settings import Settings

log = logging.getLogger("haat.webhook")

MAX_BODY = 1_000_000  # bytes; Telegram updates are far smaller
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"

# Writes the update (and its raw JSON) to the inbox; committed when it returns.
Receive = Callable[[Update, str], Awaitable[object]]


class ListenError(Exception):
    """The port cannot be listened on; str(error) is one line for the operator."""


async def _body(request: Request) -> bytes | None:
    """The body, or None when it is larger than ``MAX_BODY`` (read no further)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        return None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _update(body: bytes, bot: Bot) -> Update | None:
    """The body as an Update, or None for anything else (``[1,2]``, ``null``, a nesting too
    deep for the JSON parser, a dict without an integer update_id, not UTF-8)."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        return None
    if not isinstance(data, dict) or type(data.get("update_id")) is not int:
        return None
    try:
        return Update.de_json(data, bot)
    except Exception:  # a malformed field deep inside: PTB raises many kinds
        return None


def make_web_app(bot: Bot, receive: Receive, path: str, secret: str | None,
                 routes: Sequence[BaseRoute] = ()) -> Starlette:
    async def telegram(request: Request) -> Response:
        if secret is not None:
            given = request.headers.get(SECRET_HEADER, "")
            if not hmac.compare_digest(given.encode(), secret.encode()):
                return Response(status_code=403)
        body = await _body(request)
        if body is None:
            log.warning("webhook: refused a body over %d bytes", MAX_BODY)
            return Response(status_code=413)
        update = _update(body, bot)
        if update is None:
            log.warning("webhook: refused a body that is not a Telegram update (%d bytes)",
                        len(body))
            return Response(status_code=400)
        try:
            await receive(update, body.decode("utf-8"))
        except Exception as exc:  # the database is away: Telegram delivers it again later
            log.error("webhook: could not store update %d: %s", update.update_id,
                      type(exc).__name__)
            return Response(status_code=503)
        return Response(status_code=200)

    return Starlette(routes=[Route(path, telegram, methods=["POST"]), *routes])


class _Server(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        # The bot handles SIGINT/SIGTERM itself (bot/runtime/serve.py) and stops this
        # server in order; uvicorn's own handlers would re-raise the signal after it.
        yield


class WebServer:
    """uvicorn on ``port`` (all interfaces, as a proxy in front expects), in this loop."""

    def __init__(self, web_app: Starlette, port: int, host: str = "0.0.0.0"):
        config = uvicorn.Config(web_app, host=host, port=port, log_config=None,
                                access_log=False, lifespan="off", server_header=False)
        self.port = port
        self.server = _Server(config)
        self._task: asyncio.Task | None = None

    async def start(self) -> None:
        self._task = asyncio.create_task(self.server.serve())
        while not self.server.started:
            if self._task.done():
                # uvicorn logged why (one line); it exits when it cannot bind
                with contextlib.suppress(SystemExit, OSError):
                    self._task.result()
                raise ListenError(f"cannot listen on PORT {self.port} (in use, or not "
                                  f"allowed)")
            await asyncio.sleep(0.01)

    async def stop(self) -> None:
        if self._task is None:
            return
        self.server.should_exit = True
        with contextlib.suppress(Exception, SystemExit):
            await self._task


def operator_routes(database: Database, settings: Settings) -> list[BaseRoute]:
    """``/healthz`` and ``/metrics`` for the operator's monitoring, on the webhook's server."""

    async def healthz(_request: Request) -> Response:
        status, body = await health.healthz(database, settings)
        return PlainTextResponse(body, status_code=status)

    async def scrape(_request: Request) -> Response:
        content_type, body = await metrics.scrape(database)
        return Response(body, media_type=content_type)

    return [Route("/healthz", healthz, methods=["GET"]),
            Route("/metrics", scrape, methods=["GET"])]
