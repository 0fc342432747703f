"""``make bench`` (i), ``seller-bot bench --only export``: a staff member exports 10,000
products as the upload workbook for all five marketplaces (1,000 with --quick) through the
real Application, while 50 sellers keep chatting (each sends /menu every 1-3 s).

Measured side by side in one run, on the same database:

(i0) the 50 sellers alone: their replies' p50/p99 (what the machine gives without export);
(i1) the file read and built in a thread of the bot's process (as ``asyncio.to_thread`` did);
(i2) the file read and built in a worker process (``bot.runtime.offload``, now).

For each export: seconds from the command to the document, the builder's peak memory
(worker process: its peak RSS; thread: the bot process's peak RSS, which includes it), and
the sellers' reply latency while the file was being made (target p99 < 1 s; export
< 20 s and < 300 MB).
"""

from __future__ import annotations

import asyncio
import time

from sqlalchemy import create_engine, insert
from telegram import Update

from bot.app import build_application, dispose
from bot.cli.bench_kit import sample_products, scratch_sqlite, seed_sellers, summary
from bot.cli.bench_outbox import _command, chatter
from bot.db.engine import sync_url
from bot.db.models import Product, Seller, StepProgress, utcnow
from bot.runtime.offload import PROCESS, THREAD, Offload, peak_rss_mb
from bot.runtime.transport import Call, LocalBotApi
from bot.settings import Settings

TARGET_SECONDS = 20.0
TARGET_MB = 300.0
TARGET_REPLY_P99_MS = 1000.0
CHATTERS = 50
OPERATOR = 40_000_000
FIRST_CHATTER = 40_100_000
DISTRICT = "moradabad"


def seed_products(database_url: str, n: int) -> None:
    """``n`` products of 100 Moradabad sellers (the bench's sample products), each seller
    with a GSTIN, as ``stats.products_rows`` reads them."""
    items = sample_products(n)
    now = utcnow()
    engine = create_engine(sync_url(database_url))
    with engine.begin() as conn:
        sellers = {}
        for _sku, _answers, _photos, facts in items:
            if facts.email in sellers:
                continue
            i = len(sellers)
            sellers[facts.email] = conn.execute(insert(Seller).values(
                telegram_id=OPERATOR + 1000 + i, chat_id=OPERATOR + 1000 + i, language="hi",
                consented_at=now, created_at=now, updated_at=now, profile_saved_at=now,
                name=facts.name, business_name=facts.business_name, district_code=DISTRICT,
                address=facts.address, phone=facts.phone, email=facts.email,
                wants_export="no", steps_done=1)).inserted_primary_key[0]
            conn.execute(insert(StepProgress).values(
                seller_id=sellers[facts.email], step_key="gst", status="done", updated_at=now,
                data={"gstin": facts.gstin}))
        rows = [{"seller_id": sellers[facts.email], "status": "ready", "answers": answers,
                 "photos": photos, "created_at": now, "updated_at": now}
                for _sku, answers, photos, facts in items]
        for start in range(0, len(rows), 2000):
            conn.execute(insert(Product), rows[start:start + 2000])
    engine.dispose()


def _export_command(bot) -> Update:
    text = f"/export products xlsx {DISTRICT}"
    data = {"update_id": 2, "message": {
        "message_id": 2, "date": int(time.time()), "text": text,
        "entities": [{"type": "bot_command", "offset": 0, "length": len("/export")}],
        "from": {"id": OPERATOR, "is_bot": False, "first_name": "Staff", "language_code": "en"},
        "chat": {"id": OPERATOR, "type": "private"}}}
    return Update.de_json(data, bot)


class Documents:
    """When the staff member's document arrived (the Bot API's view)."""

    def __init__(self) -> None:
        self.arrived: list[tuple[float, int]] = []  # (time, size)

    def __call__(self, call: Call) -> None:
        if call.method == "sendDocument" and int(call.params.get("chat_id", 0)) == OPERATOR:
            data = next(iter(call.files.values()), None) if call.files else None
            self.arrived.append((time.perf_counter(), len(data[1]) if data else 0))


async def _chatting(app, seconds: float | None, until: asyncio.Event | None,
                    latencies: list[float]) -> None:
    stop = until or asyncio.Event()
    tasks = [asyncio.create_task(chatter(app, FIRST_CHATTER + i, stop, latencies, (1, 3)))
             for i in range(CHATTERS)]
    if seconds is not None:
        await asyncio.sleep(seconds)
        stop.set()
    else:
        await stop.wait()
    await asyncio.gather(*tasks)


async def _export(url: str, kind: str | None, alone_seconds: float, settle: float = 3.0
                  ) -> dict[str, float]:
    """One configuration: ``kind`` THREAD or PROCESS for the builder, or None for the
    sellers chatting alone."""
    documents = Documents()
    transport = LocalBotApi(on_call=documents, keep=False)
    settings = Settings(database_url=url, admin_ids=frozenset({OPERATOR}))
    app = build_application(settings, request=transport, rate_limit=False)
    runtime = app.bot_data["runtime"]
    if kind is not None:
        runtime.offload = Offload(kind)
    await app.initialize()
    latencies: list[float] = []
    result: dict[str, float] = {}
    try:
        # Warm: the chat path's first update loads templates and catalogs.
        await app.process_update(_command(1, FIRST_CHATTER, "/menu", app.bot))
        if kind is None:
            await _chatting(app, alone_seconds, None, latencies)
        else:
            done = asyncio.Event()
            chatting = asyncio.create_task(_chatting(app, None, done, latencies))
            await asyncio.sleep(settle)  # the chatters are under way
            before = len(latencies)
            start = time.perf_counter()
            await app.process_update(_export_command(app.bot))
            preparing = time.perf_counter() - start
            while not documents.arrived and time.perf_counter() - start < 180:
                await asyncio.sleep(0.05)
            during = latencies[before:]
            done.set()
            await chatting
            latencies = during
            arrived, size = documents.arrived[0] if documents.arrived else (float("nan"), 0)
            result.update(seconds=arrived - start, preparing_ms=preparing * 1000,
                          size_mb=size / 2**20,
                          peak_mb=(runtime.last_job_peak_mb or float("nan"))
                          if kind == PROCESS else peak_rss_mb())
    finally:
        await app.shutdown()
        await dispose(app)
    _rate, p50, p99 = summary(latencies) if latencies else (0.0, float("nan"), float("nan"))
    result.update(replies=len(latencies), p50_ms=p50, p99_ms=p99)
    return result


async def run(quick: bool) -> bool:
    n = 1000 if quick else 10_000
    with scratch_sqlite() as url:
        seed_products(url, n)
        seed_sellers(url, CHATTERS, FIRST_CHATTER)
        settle = 1.5 if quick else 3.0
        alone = await _export(url, None, 3 if quick else 10)
        thread = await _export(url, THREAD, 0, settle)
        process = await _export(url, PROCESS, 0, settle)
    print(f"(i0) 50 sellers chatting, no export: {alone['replies']} replies p50 "
          f"{alone['p50_ms']:.1f} ms p99 {alone['p99_ms']:.1f} ms")
    ok = True
    for label, r, judged in (("(i1) before: built in a thread  ", thread, False),
                             ("(i2) now: built in a worker process", process, True)):
        good = (r["seconds"] < TARGET_SECONDS and r["peak_mb"] < TARGET_MB
                and r["p99_ms"] < TARGET_REPLY_P99_MS)
        line = (f"{label} export of {n:,} products, 5 marketplaces, XLSX "
                f"{r['size_mb']:.1f} MB: {r['seconds']:.1f} s (\"preparing\" answered in "
                f"{r['preparing_ms']:.0f} ms), peak {r['peak_mb']:.0f} MB; meanwhile "
                f"{r['replies']} seller replies p50 {r['p50_ms']:.1f} ms p99 "
                f"{r['p99_ms']:.1f} ms")
        if judged:
            ok = good
            line += (f" (targets < {TARGET_SECONDS:.0f} s, < {TARGET_MB:.0f} MB, p99 < "
                     f"{TARGET_REPLY_P99_MS:.0f} ms) {'OK' if good else 'MISSED'}")
        print(line)
    return ok


def main(quick: bool = False) -> bool:
    return asyncio.run(run(quick))
