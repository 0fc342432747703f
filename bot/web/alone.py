"""``seller-bot web``: the staff pages alone, for a bot that polls (a webhook deployment
serves them on its own server): uvicorn on ``PORT``, with ``/healthz`` and ``/metrics``."""

from __future__ import annotations

import uvicorn
from starlette.applications import Starlette

from bot.db.engine import Database
from bot.runtime.asgi import operator_routes
from bot.settings import Settings
from bot.web.app import routes


def application(database: Database, settings: Settings, secret: str | None = None,
                username: str | None = None) -> Starlette:
    return Starlette(routes=[*operator_routes(database, settings),
                             *routes(database, settings, secret, username)])


def serve(settings: Settings, host: str = "0.0.0.0") -> None:
    database = Database(settings.database_url)
    uvicorn.run(application(database, settings), host=host, port=settings.port,
                log_config=None, access_log=False, server_header=False)
