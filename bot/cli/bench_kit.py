"""What the bench parts share: targets, a scratch SQLite file, seeded sellers, timed
updates through the in-process transport, sample products, summaries."""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, insert
from telegram import Update
from telegram.ext import Application, ApplicationBuilder, MessageHandler, filters

from bot.app import build_application
from bot.db.engine import sync_url, upgrade
from bot.db.models import Seller, utcnow
from bot.runtime.transport import LOCAL_TOKEN, LocalBotApi
from bot.settings import Settings

TARGET_RATIO = 0.20
TARGET_MEMORY_MB = 15.0
TARGET_DRAFTS_MS = 20.0
TARGET_EXPORT_S = 10.0  # the drafts issue's target; issue 12's 20 s is for part (i)
TARGET_EXPORT_MB = 300.0
TARGET_LABEL_MS = 300.0
TARGET_LABEL_KB = 200.0
TARGET_STALL_MS = 50.0
FIRST_ID = 10_000_000


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def text_update(update_id: int, user_id: int, text: str, bot) -> Update:
    data = {"update_id": update_id, "message": {
        "message_id": update_id, "date": int(time.time()), "text": text,
        "from": {"id": user_id, "is_bot": False, "first_name": "Bench", "language_code": "hi"},
        "chat": {"id": user_id, "type": "private"}}}
    return Update.de_json(data, bot)


async def timed(app: Application, updates: list[Update]) -> list[float]:
    times = []
    for update in updates:
        start = time.perf_counter()
        await app.process_update(update)
        times.append(time.perf_counter() - start)
    return times


def echo_application() -> Application:
    app = (ApplicationBuilder().token(LOCAL_TOKEN).request(LocalBotApi(keep=False))
           .get_updates_request(LocalBotApi(keep=False)).build())

    async def echo(update: Update, _context) -> None:
        await update.effective_message.reply_text(update.effective_message.text)

    app.add_handler(MessageHandler(filters.TEXT, echo))
    return app


def seed_sellers(database_url: str, count: int, first: int) -> None:
    """Sellers waiting at the profile form's first question (as right after consent)."""
    engine = create_engine(sync_url(database_url))
    now = utcnow()
    rows = [{"telegram_id": first + i, "chat_id": first + i, "language": "hi",
             "consented_at": now, "created_at": now, "updated_at": now,
             "form_state": {"form": "profile", "field": "name", "answers": {}, "trail": [],
                            "mode": "fill", "active": True, "page": 0}}
            for i in range(count)]
    with engine.begin() as conn:
        for start in range(0, count, 5000):
            conn.execute(insert(Seller), rows[start:start + 5000])
    engine.dispose()


async def bench_form(database_url: str, n: int, first: int, app: Application | None = None
                     ) -> tuple[list[float], Application]:
    if app is None:
        app = build_application(Settings(database_url=database_url),
                                request=LocalBotApi(keep=False), rate_limit=False)
        await app.initialize()
    updates = [text_update(first + i, first + i, "सुनीता देवी", app.bot) for i in range(n)]
    return await timed(app, updates), app


def summary(times: list[float]) -> tuple[float, float, float]:
    ordered = sorted(times)
    per_second = len(times) / sum(times)
    p50 = statistics.median(ordered) * 1000
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000
    return per_second, p50, p99


@contextmanager
def scratch_sqlite() -> Iterator[str]:
    """A migrated SQLite file in a temporary directory, gone afterwards: each part's own."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/haat.db"
        upgrade(url)
        yield url


def sample_products(n: int) -> list[tuple[str, dict, list, object]]:
    """Varied products from 100 sellers, in the words sellers use (both scripts)."""
    from bot.listing.drafts import SellerFacts

    names = ["पीतल का दीया", "कांच की चूड़ियाँ", "chikan kurta", "banarasi silk saree",
             "terracotta horse", "sheesham wood box", "गुलाब इत्र", "moonj basket",
             "हाथ से बना लकड़ी का खिलौना", "zardozi clutch bag"]
    categories_ = ["brass_art_ware", "glass_bangles", "chikankari_kurta", "silk_saree",
                   "terracotta_art", "wooden_handicraft", "attar", "moonj_basket",
                   "wooden_toy", "zardozi_article"]
    sellers = [SellerFacts(name=f"Seller {i}", business_name=f"Karigar House {i}",
                           district_code="moradabad", address=f"{i} Peetal Basti, Moradabad 244001",
                           phone="+919876543210", email=f"s{i}@example.com",
                           gstin="09AAACH7409R1ZZ", enrolment_id=None) for i in range(100)]
    photo = {"file_id": "x", "file_unique_id": "ux", "width": 1600, "height": 1600,
             "problems": []}
    items = []
    for i in range(n):
        k = i % len(names)
        answers = {"category": categories_[k], "name": f"{names[k]} {i}",
                   "materials": "पीतल" if k == 0 else "cotton", "colours": "सुनहरा",
                   "size_dims": [12.0, 12.0, 15.0], "weight_g": 500 + i % 700,
                   "price": str(300 + i % 2000), "mrp": str(2400 + i % 2000),
                   "stock": 10 + i % 50, "handmade": "yes",
                   "features": [f"design {i}", "हाथ से बना"], "care": "wipe with a dry cloth"}
        items.append((f"HAAT-{i}", answers, [photo] * 4, sellers[i % 100]))
    return items


def reset_tables(database_url: str) -> None:
    from sqlalchemy import text

    from bot.db.models import Base

    engine = create_engine(sync_url(database_url))
    with engine.begin() as conn:
        Base.metadata.drop_all(conn)
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()
