"""``seller-bot bench`` (``make bench``): the bot against python-telegram-bot's own ceiling,
and the listing drafts and export.

Everything runs through the same in-process Bot API transport, side by side in one run:

(a) a bare PTB echo handler: the framework's throughput on this machine;
(b) one profile-form step (load the seller, parse, save the answer, reply with the next
    question and its 14 district buttons) on a fresh SQLite file with the default settings;
and the resident memory of the bot after updates from 1,000 and from 100,000 distinct
sellers: conversation state is in the database, so the two should be close;
(c) drafts for all five marketplaces for one product (p50 ms);
(d) exporting 10,000 products to the XLSX file (seconds, and the peak Python heap);
(e) the outbox: a 5,000-message broadcast against Telegram's limits, alone and while 50
    sellers chat (``bot/cli/bench_outbox.py``).
"""

from __future__ import annotations

import asyncio
import gc
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, insert
from telegram import Update
from telegram.ext import Application, ApplicationBuilder, MessageHandler, filters

from bot.app import build_application, dispose
from bot.db.engine import sync_url, upgrade
from bot.db.models import Seller, utcnow
from bot.runtime.transport import LOCAL_TOKEN, LocalBotApi
from bot.settings import Settings

TARGET_RATIO = 0.20
TARGET_MEMORY_MB = 15.0
TARGET_DRAFTS_MS = 20.0
TARGET_EXPORT_S = 10.0
TARGET_EXPORT_MB = 300.0
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


async def _timed(app: Application, updates: list[Update]) -> list[float]:
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
    return await _timed(app, updates), app


def summary(times: list[float]) -> tuple[float, float, float]:
    ordered = sorted(times)
    per_second = len(times) / sum(times)
    p50 = statistics.median(ordered) * 1000
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000
    return per_second, p50, p99


async def run(quick: bool) -> bool:
    n = 500 if quick else 3000
    small, large = (200, 2000) if quick else (1000, 100_000)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/haat.db"
        upgrade(url)
        seed_sellers(url, n + n // 10, FIRST_ID)
        # (a) and (b) take turns in rounds, so a noisy moment on the machine hits both.
        echo_app = echo_application()
        await echo_app.initialize()
        _, app = await bench_form(url, n // 10, FIRST_ID + n)  # warm-up on other sellers
        await _timed(echo_app, [text_update(i, FIRST_ID + i, "Sunita Devi", echo_app.bot)
                                for i in range(n // 10)])
        echo: list[float] = []
        form: list[float] = []
        rounds = 10
        for r in range(rounds):
            part = range(r * n // rounds, (r + 1) * n // rounds)
            echo += await _timed(echo_app, [text_update(i, FIRST_ID + i, "Sunita Devi",
                                                        echo_app.bot) for i in part])
            times, _ = await bench_form(url, len(part), FIRST_ID + part.start, app)
            form += times
        await echo_app.shutdown()
        await app.shutdown()
        await dispose(app)

        (a_rate, a50, a99), (b_rate, b50, b99) = summary(echo), summary(form)
        ratio = b_rate / a_rate
        print(f"(a) bare PTB echo        {a_rate:9.0f} updates/s   p50 {a50:6.2f} ms   "
              f"p99 {a99:6.2f} ms   ({n} updates)")
        print(f"(b) profile-form step    {b_rate:9.0f} updates/s   p50 {b50:6.2f} ms   "
              f"p99 {b99:6.2f} ms   ({n} updates, SQLite file, WAL)")
        ok_ratio = ratio >= TARGET_RATIO
        print(f"    ratio b/a            {ratio:9.2f}   (target ≥ {TARGET_RATIO:.2f}) "
              f"{'OK' if ok_ratio else 'MISSED'}")

        # Memory: one process, updates from `small` then `large` distinct sellers. Updates
        # are made one at a time so that the benchmark's own list does not weigh in.
        mem_first = FIRST_ID * 2
        seed_sellers(url, large, mem_first)
        app = build_application(Settings(database_url=url), request=LocalBotApi(keep=False),
                                rate_limit=False)
        await app.initialize()
        for i in range(large):
            await app.process_update(
                text_update(mem_first + i, mem_first + i, "सुनीता देवी", app.bot))
            if i + 1 == small:
                gc.collect()
                rss_small = rss_mb()
        gc.collect()
        rss_large = rss_mb()
        await app.shutdown()
        await dispose(app)
        growth = rss_large - rss_small
        ok_memory = growth <= TARGET_MEMORY_MB
        print(f"    RSS after {small:,} sellers {rss_small:7.1f} MB; after {large:,} sellers "
              f"{rss_large:7.1f} MB; growth {growth:5.1f} MB (target ≤ {TARGET_MEMORY_MB:.0f} MB) "
              f"{'OK' if ok_memory else 'MISSED'}")
    return ok_ratio and ok_memory


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


def bench_drafts(n: int) -> list[float]:
    from bot.listing.drafts import build
    from bot.reference.marketplaces import all_rules

    keys = list(all_rules())
    times = []
    for _sku, answers, photos, seller in sample_products(n):
        start = time.perf_counter()
        for key in keys:
            build(answers, photos, seller, key).text()
        times.append(time.perf_counter() - start)
    return times


def bench_export(n: int) -> tuple[float, float, int]:
    import tracemalloc

    from bot.listing.drafts import product_facts
    from bot.listing.export import products_workbook
    from bot.reference.marketplaces import all_rules

    items = sample_products(n)
    keys = list(all_rules())

    def export() -> bytes:
        facts = [(sku, product_facts(a, p, s)) for sku, a, p, s in items]
        return products_workbook(facts, keys)

    start = time.perf_counter()
    size = len(export())
    seconds = time.perf_counter() - start
    tracemalloc.start()
    export()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return seconds, peak, size


def run_listing(quick: bool) -> bool:
    n_drafts, n_export = (50, 1000) if quick else (300, 10_000)
    bench_drafts(20)  # warm-up: data files and templates load once
    d50 = statistics.median(bench_drafts(n_drafts)) * 1000
    ok_drafts = d50 < TARGET_DRAFTS_MS
    print(f"(c) drafts, 5 marketplaces  p50 {d50:6.2f} ms per product (target < "
          f"{TARGET_DRAFTS_MS:.0f} ms) {'OK' if ok_drafts else 'MISSED'}")
    seconds, peak, size = bench_export(n_export)
    ok_export = seconds < TARGET_EXPORT_S and peak < TARGET_EXPORT_MB
    print(f"(d) export {n_export:,} products to XLSX  {seconds:6.2f} s, peak heap {peak:6.1f} MB, "
          f"file {size / 2**20:.1f} MB (targets < {TARGET_EXPORT_S:.0f} s, < "
          f"{TARGET_EXPORT_MB:.0f} MB) {'OK' if ok_export else 'MISSED'}")
    return ok_drafts and ok_export


def main(quick: bool = False, only: str | None = None) -> int:
    from bot.cli import bench_outbox

    if only == "outbox":
        return 0 if bench_outbox.main(quick) else 1
    ok = asyncio.run(run(quick))
    ok = run_listing(quick) and ok
    ok = bench_outbox.main(quick) and ok
    return 0 if ok else 1
