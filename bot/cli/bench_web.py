"""Bench part (m): the staff web page over 100,000 sellers in 75 districts (the funnel's
data, ``bench_funnel.seed_funnel``), on SQLite and, with HAAT_BENCH_POSTGRES_URL, on
PostgreSQL. Each page is asked through the ASGI application in this process (session
cookie, the role asked of the database, the services, the template): the server's time,
without a network. Pages: a facilitator's overview (one district) and an operator's (all
75); the sellers table filtered by district and stage (issue 23's measure), unfiltered,
needing help and searched by name. Each page's HTML must also stay under 100 KB."""

from __future__ import annotations

import asyncio
import os
import statistics
import tempfile
import time

import httpx
from sqlalchemy import create_engine, insert

from bot.cli.bench_funnel import _analyze, seed_funnel
from bot.cli.bench_kit import reset_tables
from bot.db.engine import Database, sync_url, upgrade
from bot.db.models import Staff, utcnow
from bot.settings import Settings

TARGET_PAGE_MS = 150.0
TARGET_PAGE_KB = 100.0
FACILITATOR = 8880001
OPERATOR = 8880002
SECRET = "bench secret for the session cookies"


async def _sign_in(web: httpx.AsyncClient, database: Database, telegram_id: int,
                   is_operator: bool) -> None:
    from bot.admin import staff, web_login

    async with database.transaction() as session:
        role = await staff.role(session, telegram_id, is_operator)
        token = await web_login.create(session, role, "en")
    form = await web.get(f"/staff/login/{token}")
    csrf = form.text.split('name="csrf" value="')[1].split('"')[0]
    answer = await web.post("/staff/login", data={"token": token, "csrf": csrf})
    assert answer.status_code == 303, answer.text


PAGES = (
    ("facilitator", "overview, one district", "/staff/"),
    ("facilitator", "sellers, district + stage", "/staff/sellers?district={d}&stage=profile"),
    ("facilitator", "sellers, no filter", "/staff/sellers"),
    ("facilitator", "sellers, needing help", "/staff/sellers?help=1"),
    ("facilitator", "sellers, name search", "/staff/sellers?q=Seller+12"),
    ("operator", "overview, all 75 districts", "/staff/"),
    ("operator", "sellers, district + stage", "/staff/sellers?district={d}&stage=half_steps"),
    ("operator", "sellers, no filter", "/staff/sellers"),
    ("operator", "sellers, name search", "/staff/sellers?q=Seller+12"),
)


async def _pages(database_url: str, district: str, runs: int
                 ) -> list[tuple[str, list[float], int]]:
    """Each page ``runs`` times, in rounds (one of each page per round), so that a noisy
    moment on the machine hits every page alike."""
    from bot.web.alone import application

    settings = Settings(database_url=database_url, web_url="http://bench",
                        admin_ids=frozenset({OPERATOR}))
    database = Database(database_url)
    app = application(database, settings, secret=SECRET, username="haat_bot")
    clients = {who: httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                      base_url="http://bench")
               for who in ("facilitator", "operator")}
    times: dict[int, list[float]] = {i: [] for i in range(len(PAGES))}
    sizes: dict[int, int] = {}
    try:
        await _sign_in(clients["facilitator"], database, FACILITATOR, False)
        await _sign_in(clients["operator"], database, OPERATOR, True)
        for round_ in range(runs + 1):  # the first round warms up
            for i, (who, _label, url) in enumerate(PAGES):
                started = time.perf_counter()
                answer = await clients[who].get(url.format(d=district))
                took = time.perf_counter() - started
                assert answer.status_code == 200, (url, answer.status_code)
                if round_:
                    times[i].append(took)
                sizes[i] = len(answer.content)
    finally:
        for web in clients.values():
            await web.aclose()
        await database.dispose()
    return [(f"{who}: {label}", times[i], sizes[i])
            for i, (who, label, _url) in enumerate(PAGES)]


def run_web(quick: bool) -> bool:
    count = 10_000 if quick else 100_000
    runs = 5 if quick else 21
    targets = []
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        targets.append(("SQLite", f"sqlite:///{tmp}/web.db"))
        if os.environ.get("HAAT_BENCH_POSTGRES_URL"):
            targets.append(("PostgreSQL", os.environ["HAAT_BENCH_POSTGRES_URL"]))
        for label, url in targets:
            if label == "PostgreSQL":
                reset_tables(url)
            upgrade(url)
            started = time.perf_counter()
            codes = seed_funnel(url, count)
            district = codes[0]
            engine = create_engine(sync_url(url))
            with engine.begin() as conn:
                conn.execute(insert(Staff).values(telegram_id=FACILITATOR,
                                                  districts=[district], created_at=utcnow()))
            engine.dispose()
            if label == "PostgreSQL":
                _analyze(url)
            seeded = time.perf_counter() - started
            results = asyncio.run(_pages(url, district, runs))
            print(f"(m) staff web page, {count:,} sellers in {len(codes)} districts, {label} "
                  f"(seeded in {seeded:.0f} s); server time per page, p50 / p90 "
                  f"(target p50 < {TARGET_PAGE_MS:.0f} ms, HTML < {TARGET_PAGE_KB:.0f} KB):")
            for name, times, size in results:
                p50 = statistics.median(times) * 1000
                p90 = statistics.quantiles(times, n=10)[-1] * 1000
                good = p50 < TARGET_PAGE_MS and size < TARGET_PAGE_KB * 1024
                ok = ok and good
                print(f"    {name:42s} p50 {p50:7.1f} ms   p90 {p90:7.1f} ms   "
                      f"{size / 1024:5.1f} KB  {'OK' if good else 'MISSED'}")
            if label == "PostgreSQL":
                reset_tables(url)
    return ok
