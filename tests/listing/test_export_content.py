"""What the marketplaces' files hold, cell by cell, pinned: the XLSX (streamed as a large
export is, and in memory as a seller's own few products are) and the CSV per marketplace,
for products that reach every branch of a row (sizes, colour variants, food, an enrolment
ID, a facilitator's English, lines no pattern fits, a typed formula). A change that makes
the export faster must leave this file as it is; a change to what the files say updates it
on purpose: ``python -m tests.listing.test_export_content`` rewrites it."""

from __future__ import annotations

import dataclasses
import io
import json
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from bot.cli.bench_kit import sample_products
from bot.listing import export
from bot.listing.draft_notes import english_reason
from bot.listing.drafts import SellerFacts, product_facts
from bot.pricing.flow import export_price
from bot.reference import phrases
from bot.reference.marketplaces import all_rules
from tests.listing.test_drafts import ANSWERS, BANGLES, GOOD_PHOTO, HING, KURTA, SELLER

PINNED = Path(__file__).resolve().parents[1] / "data" / "export_content.json"
EID_SELLER = dataclasses.replace(SELLER, gstin=None, enrolment_id="EID09ABCDE1234")
LUCKNOW = SellerFacts("Asha", "Asha Chikan", "lucknow", "Chowk, Lucknow 226003",
                      "9876543210", "a@example.com", None, None)
COLOURS = {"category": "kurta", "name": "Chikankari kurta", "materials": "cotton",
           "colours": "लाल और नीला", "colour_choice": "each", "garment_size": ["S", "M"],
           "colour_stock": {"S|Red": 2, "S|Blue": 3, "M|Red": 4, "M|Blue": 0},
           "price": "1200", "mrp": "1500", "weight_g": 300, "handmade": "yes"}


def products() -> list[tuple[str, dict, list, SellerFacts]]:
    photos = [GOOD_PHOTO] * 4
    own = [
        ("HAAT-A1", ANSWERS, photos, SELLER),
        ("HAAT-A2", ANSWERS | {"export_price": export_price(Decimal("850")), "gi": "yes",
                               "handmade": "no", "packed": None}, photos[:1], SELLER),
        ("HAAT-A3", BANGLES, photos, EID_SELLER),
        ("HAAT-A4", HING | {"fssai": "12345678901234", "best_before": "2027-03",
                            "veg": "veg", "ingredients": "hing, wheat flour"}, photos, SELLER),
        ("HAAT-A5", HING, [], EID_SELLER),
        ("HAAT-A6", KURTA, photos, SELLER),
        ("HAAT-A7", COLOURS, photos, LUCKNOW),
        ("HAAT-A8", ANSWERS | {"name": '=HYPERLINK("http://x.example","x")',
                               "features": ["+cmd|' /C calc'!A0", "jhilmil wala kaam",
                                            "पीतल से बना", "dhoop me mat sukhaye"],
                               "care": ["dhoop me mat sukhaye", "अजीबोगरीब शब्द"],
                               phrases.GIVEN: {"jhilmil wala kaam": "Shimmering work"}},
         photos, dataclasses.replace(SELLER, address="-1+1 Sheesh Mahal\nline two")),
        ("HAAT-A9", ANSWERS | {"name": "SALE!!! BEST Offer vase 🌸", "colours": "red, green"},
         [dict(GOOD_PHOTO, width=600, height=600,
               problems=["background_not_white", "too_dark", "blurry"]),
          GOOD_PHOTO, dict(GOOD_PHOTO, width=400, height=None)],
         dataclasses.replace(SELLER, business_name=None, email=None)),
    ]
    return own + sample_products(12)


def _facts():
    return [(sku, product_facts(answers, photos, seller))
            for sku, answers, photos, seller in products()]


def content() -> dict:
    """Every sheet's cells as read back, for both ways of writing the workbook, and every
    CSV's text."""
    facts, keys = _facts(), list(all_rules())
    out: dict = {}
    # Streamed as a large export is, and in memory as a seller's own few products are,
    # with the problems in words; the CSV with the problems' codes (the staff's export).
    for kind, data in (("streamed", export.workbook(
            {key: export.drafts_of(facts, key) for key in keys}, english_reason)),
                       ("in_memory", export.products_workbook(facts, keys, english_reason))):
        book = load_workbook(io.BytesIO(data))
        out[kind] = {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
                     for sheet in book.worksheets}
    out["csv"] = {key: export.csv_file(export.drafts_of(facts, key)).decode("utf-8-sig")
                  for key in keys}
    return out


def test_the_files_hold_what_they_held() -> None:
    pinned = json.loads(PINNED.read_text(encoding="utf-8"))
    now = json.loads(json.dumps(content(), ensure_ascii=False, default=str))
    assert now["streamed"] == now["in_memory"]
    for kind in ("streamed", "csv"):
        assert now[kind].keys() == pinned[kind].keys()
        for name, rows in pinned[kind].items():
            assert now[kind][name] == rows, (kind, name)


if __name__ == "__main__":
    data = content()
    del data["in_memory"]  # the same as streamed (the test checks)
    def dump(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, default=str)

    # A row a line, so that a change reads as the rows it changed.
    PINNED.write_text("{\n" + ",\n".join(
        f"{dump(kind)}: {{\n" + ",\n".join(
            f"{dump(name)}: " + (dump(rows) if kind == "csv" else
                                 "[\n" + ",\n".join(map(dump, rows)) + "\n]")
            for name, rows in sheets.items()) + "\n}"
        for kind, sheets in data.items()) + "\n}\n", encoding="utf-8")
    print(f"wrote {PINNED}")
