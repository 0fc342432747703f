"""An export of N products on five sheets works out what no marketplace rule changes once
per product, not once per sheet: the title's parts (every marketplace has the same title
order), the variant rows and the problems found in the product itself. What the files hold
is pinned in ``test_export_content.py``."""

from __future__ import annotations

from collections import Counter

from bot.cli.bench_kit import sample_products
from bot.listing import drafts, export, titles, variants
from bot.reference.marketplaces import all_rules


def test_per_product_work_is_done_once_for_all_sheets(monkeypatch) -> None:
    calls: Counter[str] = Counter()

    def counted(module, name):
        real = getattr(module, name)

        def wrapper(*args, **kwargs):
            calls[name] += 1
            return real(*args, **kwargs)
        monkeypatch.setattr(module, name, wrapper)

    facts = [(sku, drafts.product_facts(answers, photos, seller))
             for sku, answers, photos, seller in sample_products(20)]
    counted(titles, "ordered_parts")
    counted(variants, "of")
    counted(drafts, "found_in")
    keys = list(all_rules())
    assert len(keys) == 5
    export.products_workbook(facts, keys)
    assert calls == {"ordered_parts": 20, "of": 20, "found_in": 20}
