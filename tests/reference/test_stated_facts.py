"""Issue 18, "sources kept with the facts": every figure the checklist, step and
calculator texts state is a placeholder filled from ``stated_facts.csv`` (source and as-of
date per row), an example that is not a fact (allow-list), or, for now, a literal still to
convert whose figure has its row (LEFT)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from bot.reference import stated

ROOT = Path(__file__).resolve().parents[2]
FILES = ("bot/checklists/texts.py", "bot/checklists/screens.py", "bot/checklists/labels.py",
         "bot/checklists/printables.py", "bot/checklists/checklists.py",
         "bot/steps/texts.py", "bot/pricing/flow.py", "bot/pricing/quotes.py")
FIGURE = re.compile(r"₹\s?\d[\d,.]*(?:\s?lakh)?|\d[\d,.]*\s?(?:%|percent\b|kg\b|g\b|cm\b|mm\b|"
                    r"µm\b|ft\b|°C|days?\b|minutes?\b|lakh\b|years?\b|months?\b|hours?\b)")

# Not facts: worked examples, input hints and printing advice. Keep it short.
ALLOWED = {
    # the unit-price item's worked arithmetic (its own test pins it against the label)
    "₹300", "₹30.00", "₹250", "500 g", "₹0.50", "₹1,000", "₹400.00", "₹240", "₹20.00",
    "15 days", "6 months",  # "for example 15 days, or 6 months" (best-before)
    "20%", "25%", "1.5 kg",  # input hints: "200, or 25%", "500 g or 1.5 kg"
    "100%",  # "print at 100%" (printer scale)
}
# Literals still in the texts whose figure has a data row (key): to become placeholders.
LEFT = {
    ("bot/steps/texts.py", "45 days"): "udyam_payment_days",
    ("bot/steps/texts.py", "₹4,500"): "tm_fee_small",
    ("bot/steps/texts.py", "₹9,000"): "tm_fee_other",
    ("bot/steps/texts.py", "5 cm"): "box_padding",
    ("bot/steps/texts.py", "7 days"): "claim_window",
    ("bot/steps/texts.py", "₹500."): "iec_fee",
    ("bot/steps/texts.py", "5 years"): "rcmc_validity",
    # the GST choice labels: the rates are categories.csv's (gst_percent, source, as_of)
    ("bot/pricing/flow.py", "5%"): "categories.csv",
    ("bot/pricing/flow.py", "18%"): "categories.csv",
    ("bot/pricing/flow.py", "5 percent"): "categories.csv",
    # free shipping up to 500 g: fees.toml [flipkart] (source, as_of)
    ("bot/pricing/flow.py", "500 g"): "fees.toml",
}


def _msgids(path: Path) -> list[str]:
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("_", "N_")
                and node.args and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)):
            out.append(node.args[0].value)
    return out


def test_every_stated_figure_comes_from_a_data_row() -> None:
    unsourced = []
    for name in FILES:
        for msgid in _msgids(ROOT / name):
            for figure in FIGURE.findall(msgid):
                if figure in ALLOWED:
                    continue
                key = LEFT.get((name, figure))
                if key is None or not (key in stated.facts() or "." in key):
                    unsourced.append(f"{name}: {figure!r} in {msgid[:60]!r}")
    assert not unsourced, "\n".join(unsourced)


def test_every_placeholder_has_a_row_with_source_and_date() -> None:
    facts = stated.facts()
    for name in FILES:
        for msgid in _msgids(ROOT / name):
            for key in re.findall(r"\{([a-z][a-z0-9_]*)\}", msgid):
                if key in facts:
                    assert facts[key].source and facts[key].as_of, key
    for key in ("box_margin", "drop_height", "tm_fee_small", "gi_user_fee", "claim_window"):
        assert key in facts
    for fact in facts.values():
        assert fact.source and re.match(r"^\d{4}-\d{2}", fact.as_of), fact


def test_the_checklist_shows_the_figures_from_the_data() -> None:
    from bot.checklists.texts import ITEM_TEXT

    how = stated.fill(ITEM_TEXT["brand_name"][2])
    assert "₹4,500 online" in how and "₹9,000 for others" in how
    assert "{" not in how
    assert "(56 °C core for 30 minutes" in stated.fill(ITEM_TEXT["ispm15"][2])
    assert "the fee is ₹10." in stated.fill(ITEM_TEXT["gi_register"][2])
    assert "Turnover up to ₹12 lakh" in " ".join(stated.fill(t) for t in ITEM_TEXT["fssai"])
