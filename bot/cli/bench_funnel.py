"""Bench part (e): the staff funnel over 100,000 sellers in 75 districts, on SQLite and,
with HAAT_BENCH_POSTGRES_URL, on PostgreSQL."""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from datetime import timedelta

from sqlalchemy import create_engine, insert

from bot.cli.bench_kit import (
    FIRST_ID,
    reset_tables,
)
from bot.db.engine import Database, sync_url, upgrade
from bot.db.models import Seller, utcnow

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
                                if done >= needed else None, "steps_done": done,
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
                reset_tables(url)
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
                reset_tables(url)
    return ok
