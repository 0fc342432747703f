"""Webhook mode: a small tornado server that checks Telegram's secret header in constant
time and hands updates to the Application (PTB's built-in server compares with ``!=``)."""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
from urllib.parse import urlparse

from telegram import Update
from telegram.ext import Application
from tornado.httpserver import HTTPServer
from tornado.web import Application as WebApp
from tornado.web import RequestHandler

from bot.settings import Settings

log = logging.getLogger("haat.webhook")
MAX_BODY = 1_000_000  # bytes; Telegram updates are far smaller


class UpdateHandler(RequestHandler):
    def initialize(self, app: Application, secret: str | None) -> None:
        self.app = app
        self.secret = secret

    async def post(self) -> None:
        if self.secret is not None:
            given = self.request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
            if not hmac.compare_digest(given.encode(), self.secret.encode()):
                self.set_status(403)
                return
        update = self._update()
        if update is None:
            # One line, no body (it may hold a user's message), no traceback.
            log.warning("webhook: refused a body that is not a Telegram update (%d bytes)",
                        len(self.request.body))
            self.set_status(400)
            return
        await self.app.update_queue.put(update)
        self.set_status(200)

    def _update(self) -> Update | None:
        """The body as an Update, or None for anything else (``[1,2]``, ``null``, a
        nesting too deep for the JSON parser, a dict without an integer update_id)."""
        try:
            data = json.loads(self.request.body)
        except (ValueError, RecursionError):
            return None
        if not isinstance(data, dict) or type(data.get("update_id")) is not int:
            return None
        try:
            return Update.de_json(data, self.app.bot)
        except Exception:  # a malformed field deep inside: PTB raises many kinds
            return None


def _access_log(handler: RequestHandler) -> None:
    """Tornado's access line, at DEBUG below 500: a refused body is already one line."""
    status = handler.get_status()
    level = logging.ERROR if status >= 500 else logging.DEBUG
    log.log(level, "%d %s %.0fms", status, handler.request.method,
            1000 * handler.request.request_time())


def make_web_app(app: Application, path: str, secret: str | None) -> WebApp:
    return WebApp([(path, UpdateHandler, {"app": app, "secret": secret})],
                  log_function=_access_log)


async def serve(app: Application, settings: Settings) -> None:
    path = urlparse(settings.webhook_url).path or "/"
    server = HTTPServer(make_web_app(app, path, settings.webhook_secret),
                        max_body_size=MAX_BODY)
    async with app:
        await app.bot.set_webhook(settings.webhook_url, secret_token=settings.webhook_secret,
                                  allowed_updates=Update.ALL_TYPES)
        await app.start()
        server.listen(settings.port)
        log.info("webhook listening on port %s", settings.port)
        try:
            await asyncio.Event().wait()
        finally:
            server.stop()
            await app.stop()


def run_webhook(app: Application, settings: Settings) -> None:
    if not settings.webhook_secret:
        log.warning("WEBHOOK_SECRET is not set: anyone who finds the URL can send updates")
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(app, settings))
