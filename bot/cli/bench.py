"""``seller-bot bench`` (``make bench``): parts (a) and (b) here, and ``main`` running every
part, each measured beside its baseline in the same run (machines are noisy; ratios hold):

(a) a bare PTB echo handler: the framework's throughput on this machine;
(b) one profile-form step (load the seller, parse, save the answer, reply with the next
    question and its 14 district buttons) on a fresh SQLite file with the default settings;
and the resident memory of the bot after updates from 1,000 and from 100,000 distinct
sellers: conversation state is in the database, so the two should be close;
(c), (d), (f) drafts, the 10,000-product export and a label sheet (``bench_listing.py``);
(e) the staff funnel over 100,000 sellers (``bench_funnel.py``);
(g) another process holding SQLite's write lock while 50 sellers answer (``bench_lock.py``);
(h) a 5,000-message broadcast against Telegram's limits (``bench_outbox.py``);
(i) a staff export while 50 sellers chat (``bench_export.py``);
(j)/(k) the sender killed twice mid-broadcast, and replies under the 30/s cap
    (``bench_outbox_faults.py``);
(l) webhook workers on PostgreSQL, 1 and 2 (``bench_workers.py``);
(m) the staff web page's overview and sellers table over 100,000 sellers (``bench_web.py``).
What the parts share is in ``bench_kit.py``.
"""

from __future__ import annotations

import asyncio
import gc

from bot.app import build_application, dispose
from bot.cli.bench_kit import (
    FIRST_ID,
    TARGET_MEMORY_MB,
    TARGET_RATIO,
    bench_form,
    echo_application,
    rss_mb,
    scratch_sqlite,
    seed_sellers,
    summary,
    text_update,
    timed,
)
from bot.runtime.transport import LocalBotApi
from bot.settings import Settings


async def run(quick: bool) -> bool:
    n = 500 if quick else 3000
    small, large = (200, 2000) if quick else (1000, 100_000)
    with scratch_sqlite() as url:
        seed_sellers(url, n + n // 10, FIRST_ID)
        # (a) and (b) take turns in rounds, so a noisy moment on the machine hits both.
        echo_app = echo_application()
        await echo_app.initialize()
        _, app = await bench_form(url, n // 10, FIRST_ID + n)  # warm-up on other sellers
        await timed(echo_app, [text_update(i, FIRST_ID + i, "Sunita Devi", echo_app.bot)
                                for i in range(n // 10)])
        echo: list[float] = []
        form: list[float] = []
        rounds = 10
        for r in range(rounds):
            part = range(r * n // rounds, (r + 1) * n // rounds)
            echo += await timed(echo_app, [text_update(i, FIRST_ID + i, "Sunita Devi",
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



def main(quick: bool = False, only: str | None = None) -> int:
    from bot.cli import (
        bench_export,
        bench_funnel,
        bench_listing,
        bench_lock,
        bench_outbox,
        bench_outbox_faults,
        bench_web,
        bench_workers,
    )

    if only == "workers":
        return 0 if bench_workers.main(quick) else 1
    if only == "funnel":
        return 0 if bench_funnel.run_funnel(quick) else 1
    if only == "web":
        return 0 if bench_web.run_web(quick) else 1
    if only == "outbox":
        ok = bench_outbox.main(quick)
        return 0 if bench_outbox_faults.main(quick) and ok else 1
    if only == "export":
        ok = bench_listing.run_listing(quick)
        return 0 if bench_export.main(quick) and ok else 1
    ok = asyncio.run(run(quick))
    ok = bench_listing.run_listing(quick) and ok
    ok = bench_funnel.run_funnel(quick) and ok
    ok = bench_listing.run_labels(quick) and ok
    ok = asyncio.run(bench_lock.run_lock(quick)) and ok
    ok = bench_outbox.main(quick) and ok
    ok = bench_outbox_faults.main(quick) and ok
    ok = bench_export.main(quick) and ok
    ok = bench_workers.main(quick) and ok
    ok = bench_web.run_web(quick) and ok
    return 0 if ok else 1
