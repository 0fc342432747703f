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
(e) the staff funnel over 100,000 sellers in 75 districts (p50 ms, all districts at once
    and one district), on SQLite and, with HAAT_BENCH_POSTGRES_URL set, on PostgreSQL
    (that database's tables are dropped and made anew).
(f) one product's Legal Metrology label sheet (8 per A4, English + Hindi) as PDF: p50 ms
    and the file's size with the embedded font subsets.
(g) another process holding SQLite's write lock for 5 s while 50 sellers answer: the event
    loop's longest stall and the number of "Sorry" answers, with the driver waiting inside
    the loop (busy_timeout 10 s, as before) and with the lock awaited (now), plus each
    configuration's form-step throughput without contention, in the same run.
(h) the outbox: a 5,000-message broadcast against Telegram's limits, alone and while 50
    sellers chat (``bot/cli/bench_outbox.py``).
(j)/(k) the outbox killed twice mid-broadcast, and 200 sellers' replies during a broadcast
    under the 30/s cap, before and now (``bot/cli/bench_outbox_faults.py``).
(i) a staff member's export of 10,000 products for all five marketplaces while 50 sellers
    chat, the file built in a thread (before) and in a worker process (now)
    (``bot/cli/bench_export.py``).
"""

from __future__ import annotations

import asyncio
import gc
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from sqlalchemy import create_engine, insert
from telegram import Update
from telegram.ext import Application, ApplicationBuilder, MessageHandler, filters

from bot.app import build_application, dispose
from bot.db.engine import BUSY_TIMEOUT_MS, Database, sync_url, upgrade
from bot.db.models import Seller, utcnow
from bot.i18n import _, use_locale
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


@contextmanager
def scratch_sqlite() -> Iterator[str]:
    """A migrated SQLite file in a temporary directory, gone afterwards: each part's own."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/haat.db"
        upgrade(url)
        yield url


async def run(quick: bool) -> bool:
    n = 500 if quick else 3000
    small, large = (200, 2000) if quick else (1000, 100_000)
    with scratch_sqlite() as url:
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


TARGET_FUNNEL_MS = 500.0


def seed_funnel(database_url: str, count: int) -> list[str]:
    """``count`` sellers spread over every district, at every stage of the funnel, joined
    over the last 60 days; returns the district codes."""
    import random

    from bot.db.models import Product, Rsvp, StepProgress, Workshop
    from bot.reference import districts
    from bot.steps.flow import STEPS, half_needed

    rng = random.Random(12)
    codes = [d.code for d in districts.districts()]
    keys = [s.key for s in STEPS if not s.export_only]
    now = utcnow()
    engine = create_engine(sync_url(database_url))
    with engine.begin() as conn:
        # One workshop per district, each a month ago; a tenth of the sellers came.
        conn.execute(insert(Workshop), [{
            "id": n + 1, "title_en": "Photos that sell", "title_hi": "बिकने वाली फ़ोटो",
            "organiser": "odop", "topic": "photos", "starts_at": now - timedelta(days=30 - n % 30),
            "duration_minutes": 120, "place": "DIC", "districts": [code], "crafts": [],
            "session_language": "hi", "capacity": 5000, "reminder_minutes": [1440],
            "status": "published", "checkin_code": f"BENCH{n}"} for n, code in enumerate(codes)])
        for start in range(0, count, 5000):
            sellers, steps, products, rsvps = [], [], [], []
            for i in range(start, min(start + 5000, count)):
                joined = now - timedelta(days=rng.random() * 60)
                profile = rng.random() < 0.7
                export = "yes" if rng.random() < 0.2 else "no"
                done = rng.randint(0, len(keys)) if profile else 0
                needed = half_needed(export)  # as bot.steps.flow keeps the column
                district = rng.randrange(len(codes))
                sellers.append({"id": i + 1, "telegram_id": FIRST_ID * 3 + i,
                                "chat_id": FIRST_ID * 3 + i, "language": "hi",
                                "consented_at": joined, "created_at": joined,
                                "updated_at": joined, "district_code": codes[district],
                                "wants_export": export,
                                "profile_saved_at": joined if profile else None,
                                "half_steps_at": joined + timedelta(hours=needed - 1)
                                if done >= needed else None,
                                "name": f"Seller {i}"})
                if profile and rng.random() < 0.1:
                    rsvps.append({"workshop_id": district + 1, "seller_id": i + 1,
                                  "answer": "going", "answered_at": joined,
                                  "attended_at": now - timedelta(days=rng.random() * 30)})
                for n, key in enumerate(keys[:done]):
                    steps.append({"seller_id": i + 1, "step_key": key, "status": "done",
                                  "updated_at": joined + timedelta(hours=n)})
                if done >= 6 and rng.random() < 0.5:
                    sent = joined + timedelta(days=2) if rng.random() < 0.5 else None
                    products.append({"seller_id": i + 1, "status": "sent" if sent else "ready",
                                     "answers": {}, "photos": [],
                                     "created_at": joined + timedelta(days=1),
                                     "updated_at": joined, "drafts_sent_at": sent})
            conn.execute(insert(Seller), sellers)
            if steps:
                conn.execute(insert(StepProgress), steps)
            if products:
                conn.execute(insert(Product), products)
            if rsvps:
                conn.execute(insert(Rsvp), rsvps)
    engine.dispose()
    return codes


async def _funnel_times(database_url: str, codes: list[str], runs: int
                        ) -> tuple[list[float], list[float], list[float], int]:
    from bot.admin import stats
    from bot.db.engine import Database

    database = Database(database_url)
    all_times, all_cpu, one_times, joined = [], [], [], 0
    try:
        for i in range(runs):
            async with database.transaction() as session:
                start, cpu = time.perf_counter(), time.process_time()
                funnels = await stats.funnel(session, codes)
                all_times.append(time.perf_counter() - start)
                all_cpu.append(time.process_time() - cpu)
                joined = stats.combined(funnels)[0].total
                start = time.perf_counter()
                await stats.funnel(session, [codes[i % len(codes)]])
                one_times.append(time.perf_counter() - start)
    finally:
        await database.dispose()
    return all_times, all_cpu, one_times, joined


def _reset(database_url: str) -> None:
    from sqlalchemy import text

    from bot.db.models import Base

    engine = create_engine(sync_url(database_url))
    with engine.begin() as conn:
        Base.metadata.drop_all(conn)
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()


def _analyze(database_url: str) -> None:
    from sqlalchemy import text

    engine = create_engine(sync_url(database_url), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("ANALYZE"))
    engine.dispose()


def run_funnel(quick: bool) -> bool:
    import os

    count = 10_000 if quick else 100_000
    runs = 5 if quick else 11
    targets = []
    with tempfile.TemporaryDirectory() as tmp:
        targets.append(("SQLite", f"sqlite:///{tmp}/funnel.db"))
        if os.environ.get("HAAT_BENCH_POSTGRES_URL"):
            targets.append(("PostgreSQL", os.environ["HAAT_BENCH_POSTGRES_URL"]))
        ok = True
        for label, url in targets:
            if label == "PostgreSQL":
                _reset(url)
            upgrade(url)
            started = time.perf_counter()
            codes = seed_funnel(url, count)
            if label == "PostgreSQL":  # as autovacuum would soon after a bulk load
                _analyze(url)
            seeded = time.perf_counter() - started
            all_times, all_cpu, one_times, joined = asyncio.run(
                _funnel_times(url, codes, runs))
            p50_all = statistics.median(all_times) * 1000
            cpu_all = statistics.median(all_cpu) * 1000
            p50_one = statistics.median(one_times) * 1000
            good = p50_all < TARGET_FUNNEL_MS
            ok = ok and good
            print(f"(e) funnel, {joined:,} sellers in {len(codes)} districts, {label}: "
                  f"all districts p50 {p50_all:7.1f} ms (this process's CPU {cpu_all:.0f} ms), "
                  f"one district p50 {p50_one:7.1f} ms "
                  f"(target < {TARGET_FUNNEL_MS:.0f} ms; seeded in {seeded:.0f} s) "
                  f"{'OK' if good else 'MISSED'}")
            if label == "PostgreSQL":
                _reset(url)
    return ok


def bench_label(n: int) -> tuple[list[float], list[float], int]:
    """The label sheet for one product, from its answers to the PDF's bytes: wall and CPU
    seconds per sheet, and the size of the last one."""
    from bot.checklists import labels
    from bot.files import pdf
    from bot.listing.drafts import product_facts

    _sku, answers, photos, seller = sample_products(7)[6]  # attar: unit price per ml too
    answers = {**answers, "volume_ml": 10.0}
    wall, cpu, size = [], [], 0
    for _round in range(n):
        start, start_cpu = time.perf_counter(), time.process_time()
        label = labels.legal_label(product_facts(answers, photos, seller),
                                   {"month_year": "2026-11"})
        size = len(pdf.sheet(labels.legal_box(label, hindi=True), 8))
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return wall, cpu, size


def run_labels(quick: bool) -> bool:
    import os

    bench_label(2)  # warm-up: fonts and HarfBuzz load once
    wall, cpu, size = bench_label(10 if quick else 40)
    p50, cpu50 = statistics.median(wall) * 1000, statistics.median(cpu) * 1000
    kb = size / 1024
    ok = p50 < TARGET_LABEL_MS and kb < TARGET_LABEL_KB
    # Wall time includes waiting for a CPU; on a busy machine the CPU time says what the
    # sheet itself costs.
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"(f) label sheet PDF, 8 per A4, EN+HI  p50 {p50:6.1f} ms (CPU {cpu50:5.1f} ms, load "
          f"{load:.1f} on {os.cpu_count()} CPUs), {kb:5.1f} KB (targets < "
          f"{TARGET_LABEL_MS:.0f} ms, < {TARGET_LABEL_KB:.0f} KB) {'OK' if ok else 'MISSED'}")
    return ok


# Another process: take the write lock, say so, hold it, let go.
_HOLDER = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
connection.execute("COMMIT")
"""


async def _longest_stall(stop: asyncio.Event) -> float:
    longest = 0.0
    while not stop.is_set():
        before = time.perf_counter()
        await asyncio.sleep(0.001)
        longest = max(longest, time.perf_counter() - before - 0.001)
    return longest


def _sorry_count(transport: LocalBotApi) -> int:
    texts = set()
    for code in ("hi", "en"):
        with use_locale(code):
            texts.add(_("Sorry, something went wrong on my side. Your answers are safe. "
                        "Please try again, or send /menu."))
    return sum(1 for c in transport.calls
               if c.method == "sendMessage" and c.params.get("text") in texts)


async def _under_lock(url: str, busy_timeout_ms: int, first: int, n: int, hold: float,
                      throughput_n: int) -> tuple[float, int, float, float]:
    """(longest stall ms, Sorry count, seconds until all n answered, form steps/s)."""
    transport = LocalBotApi(keep=True)
    app = build_application(Settings(database_url=url), request=transport, rate_limit=False)
    runtime = app.bot_data["runtime"]
    await runtime.database.dispose()
    runtime.database = Database(url, busy_timeout_ms=busy_timeout_ms)
    await app.initialize()
    # Throughput without contention, this configuration.
    rate, _p50, _p99 = summary(await _timed(app, [
        text_update(first + n + i, first + n + i, "सुनीता देवी", app.bot)
        for i in range(throughput_n)]))
    path = url.removeprefix("sqlite:///")
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER, path, str(hold)],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    stop = asyncio.Event()
    watcher = asyncio.ensure_future(_longest_stall(stop))
    await asyncio.sleep(0.01)
    start = time.perf_counter()
    await asyncio.gather(*(app.process_update(text_update(first + i, first + i,
                                                          "सुनीता देवी", app.bot))
                           for i in range(n)))
    answered = time.perf_counter() - start
    stop.set()
    longest = await watcher
    holder.wait(timeout=hold + 30)
    sorry = _sorry_count(transport)
    await app.shutdown()
    await dispose(app)
    return longest * 1000, sorry, answered, rate


async def run_lock(quick: bool) -> bool:
    hold = 1.0 if quick else 5.0
    n, throughput_n = (20, 200) if quick else (50, 1000)
    ok = True
    with scratch_sqlite() as url:
        for label, busy, first in (("before: driver waits (busy_timeout 10 s)", 10_000,
                                    FIRST_ID * 3),
                                   ("now: lock awaited off the loop", None, FIRST_ID * 4)):
            seed_sellers(url, n + throughput_n, first)
            stall, sorry, answered, rate = await _under_lock(
                url, busy if busy is not None else BUSY_TIMEOUT_MS, first, n, hold,
                throughput_n)
            print(f"(g) {label}: form step {rate:7.0f} updates/s without contention; "
                  f"lock held {hold:g} s by another process: longest loop stall "
                  f"{stall:7.1f} ms, Sorry {sorry}, all {n} answered after {answered:5.2f} s")
            if busy is None:
                ok = stall < TARGET_STALL_MS and sorry == 0
                print(f"    target: stall < {TARGET_STALL_MS:.0f} ms and Sorry 0 "
                      f"{'OK' if ok else 'MISSED'}")
    return ok


def main(quick: bool = False, only: str | None = None) -> int:
    from bot.cli import bench_export, bench_outbox, bench_outbox_faults, bench_workers

    if only == "workers":
        return 0 if bench_workers.main(quick) else 1
    if only == "funnel":
        return 0 if run_funnel(quick) else 1
    if only == "outbox":
        ok = bench_outbox.main(quick)
        return 0 if bench_outbox_faults.main(quick) and ok else 1
    if only == "export":
        ok = run_listing(quick)
        return 0 if bench_export.main(quick) and ok else 1
    ok = asyncio.run(run(quick))
    ok = run_listing(quick) and ok
    ok = run_funnel(quick) and ok
    ok = run_labels(quick) and ok
    ok = asyncio.run(run_lock(quick)) and ok
    ok = bench_outbox.main(quick) and ok
    ok = bench_outbox_faults.main(quick) and ok
    ok = bench_export.main(quick) and ok
    ok = bench_workers.main(quick) and ok
    return 0 if ok else 1
