"""Bench parts (c), (d) and (f): drafts for five marketplaces, the 10,000-product
export, and a label sheet PDF."""

from __future__ import annotations

import statistics
import time

from bot.cli.bench_kit import (
    TARGET_DRAFTS_MS,
    TARGET_EXPORT_MB,
    TARGET_EXPORT_S,
    TARGET_LABEL_KB,
    TARGET_LABEL_MS,
    sample_products,
)


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
