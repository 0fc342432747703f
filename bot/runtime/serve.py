"""``seller-bot run`` on Telegram: the Application, the inbox worker, and either long
polling or the web server (webhook mode), until SIGINT or SIGTERM.

Webhook mode scales out: start the same command N times behind a load balancer, all on one
PostgreSQL. Every worker writes what it receives to the inbox and handles whatever is
ready, per chat in order (``bot/runtime/intake.py``). One of them registers the webhook (the
holder of an advisory lock; on SQLite, the one process), and one sends the outbox (the
sender's own election, ``bot/runtime/sender.py``).
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Sequence
from datetime import timedelta
from typing import Any
from urllib.parse import urlparse

from starlette.routing import BaseRoute
from telegram import Update
from telegram.ext import Application

from bot.runtime.asgi import WebServer, make_web_app, operator_routes
from bot.runtime.intake import Intake
from bot.settings import Settings

log = logging.getLogger("haat.serve")

WEBHOOK_LOCK_KEY = 0x4861_6174_0002  # "Haat" + 2: the worker that registers the webhook


def intake_for(app: Application, settings: Settings, concurrency: int = 16) -> Intake:
    """The inbox worker of ``app``; its turns mark their update done (``Runtime.settle``)."""
    rt = app.bot_data["runtime"]
    intake = Intake(app, rt.database, lease=timedelta(seconds=settings.inbox_lease_seconds),
                    keep=timedelta(minutes=settings.inbox_keep_minutes),
                    concurrency=concurrency)
    rt.settle = intake.settle
    return intake


async def run(app: Application, settings: Settings,
              routes: Sequence[BaseRoute] = ()) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    intake = intake_for(app, settings)
    database = app.bot_data["runtime"].database
    web: WebServer | None = None
    registration: Any = None
    await app.initialize()
    try:
        # What Application.run_polling does around its loop, which this replaces.
        if app.post_init is not None:
            await app.post_init(app)
        await app.start()
        tasks = [asyncio.create_task(intake.work(stop), name="inbox worker")]
        if settings.webhook_url:
            if not settings.webhook_secret:
                log.warning("WEBHOOK_SECRET is not set: anyone who finds the URL can send "
                            "updates")
            path = urlparse(settings.webhook_url).path or "/"
            web = WebServer(make_web_app(app.bot, intake.receive, path,
                                         settings.webhook_secret,
                                         [*operator_routes(database, settings), *routes]),
                            settings.port)
            await web.start()
            log.info("webhook listening on port %s", settings.port)
            registration = await _register(app, settings, database)
        else:
            log.info("starting long polling against %s", settings.api_url)
            tasks.append(asyncio.create_task(intake.poll(app.bot, stop), name="polling"))
        waiting = asyncio.create_task(stop.wait())
        done, _ = await asyncio.wait([waiting, *tasks], return_when=asyncio.FIRST_COMPLETED)
        stop.set()
        waiting.cancel()
        if web is not None:
            await web.stop()  # no new updates; those in hand finish below
        for task in tasks:
            if task.get_name() == "polling":
                task.cancel()  # a batch not yet written is simply fetched again
        results = await asyncio.gather(*tasks, return_exceptions=True)
        for result in results:
            if isinstance(result, Exception):
                raise result
    finally:
        stop.set()
        if web is not None:
            await web.stop()
        if registration is not None:
            await database.release_advisory_lock(registration, WEBHOOK_LOCK_KEY)
        if app.running:
            await app.stop()
            if app.post_stop is not None:
                await app.post_stop(app)
        await app.shutdown()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)


async def _register(app: Application, settings: Settings, database) -> Any:
    """Register the webhook unless another worker did: only the holder of the lock calls
    setWebhook, and keeps the lock while it runs (a worker started later leaves it be)."""
    holder = await database.try_advisory_lock(WEBHOOK_LOCK_KEY)
    if holder is None:
        log.info("the webhook is registered by another worker")
        return None
    try:
        await app.bot.set_webhook(settings.webhook_url, secret_token=settings.webhook_secret,
                                  allowed_updates=Update.ALL_TYPES)
    except BaseException:
        await database.release_advisory_lock(holder, WEBHOOK_LOCK_KEY)
        raise
    log.info("webhook registered")
    return holder
