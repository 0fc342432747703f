"""The staff web page under test: the bot (tests/botkit.py) sends the /web link, an httpx
client on the same ASGI app follows it, as a browser would."""

from __future__ import annotations

import re
from dataclasses import replace

import httpx
from sqlalchemy import create_engine, func, select

from bot.db.engine import Database, sync_url
from bot.settings import Settings
from bot.web.alone import application

BASE = "http://testserver"
SECRET = "a test secret for the session cookies"
LINK_RE = re.compile(r"http://testserver(/staff/login/[A-Za-z0-9_-]+)")
CSRF_RE = re.compile(r'name="csrf" value="([^"]*)"')


def web_settings(settings: Settings, **changes) -> Settings:
    return replace(settings, web_url=BASE, **changes)


def client(settings: Settings) -> httpx.AsyncClient:
    app = application(Database(settings.database_url), settings, secret=SECRET)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE)


async def link(bot, user_id: int, language: str = "en") -> str:
    screen = await bot.chat(user_id=user_id, language_code=language).send("/web")
    found = LINK_RE.search(screen.text)
    assert found, screen.text
    return found.group(1)


def csrf(html: str) -> str:
    found = CSRF_RE.search(html)
    assert found, html
    return found.group(1)


async def sign_in(web: httpx.AsyncClient, path: str) -> httpx.Response:
    form = await web.get(path)
    assert form.status_code == 200, form.text
    return await web.post("/staff/login", data={"token": path.rsplit("/", 1)[1],
                                                 "csrf": csrf(form.text)})


def count(database_url: str, table, *where) -> int:
    engine = create_engine(sync_url(database_url))
    try:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(table).where(*where)).scalar()
    finally:
        engine.dispose()
