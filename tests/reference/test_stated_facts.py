"""Issue 18, "sources kept with the facts": every figure the checklist, step and
calculator texts state is a placeholder filled from ``stated_facts.csv`` (source and as-of
date per row), an example that is not a fact (allow-list), or, for now, a literal still to
convert whose figure has its row (LEFT)."""

from __future__ import annotations

import ast
import re
from datetime import date
from pathlib import Path

from bot.reference import stated

ROOT = Path(__file__).resolve().parents[2]
FILES = ("bot/checklists/texts.py", "bot/checklists/screens.py", "bot/checklists/labels.py",
         "bot/checklists/printables.py", "bot/checklists/checklists.py",
         "bot/steps/texts.py", "bot/pricing/flow.py", "bot/pricing/quotes.py")
MONTHS = ("January|February|March|April|May|June|July|August|September|October|"
          "November|December")
FIGURE = re.compile(r"₹\s?\d[\d,.]*(?:\s?lakh)?|\d[\d,.]*\s?(?:%|percent\b|kg\b|g\b|cm\b|mm\b|"
                    r"µm\b|micron\b|ft\b|feet\b|px\b|pixels\b|°C|days?\b|minutes?\b|lakh\b|"
                    r"years?\b|months?\b|hours?\b)"
                    r"|\b\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{4}\b"
                    rf"|\b(?:between|from) (?:{MONTHS})\b")

# Not facts: worked examples, input hints and printing advice. Keep it short.
ALLOWED = {
    # the unit-price item's worked arithmetic (its own test pins it against the label)
    "₹300", "₹30.00", "₹250", "500 g", "₹0.50", "₹1,000", "₹400.00", "₹240", "₹20.00",
    "15 days", "6 months",  # "for example 15 days, or 6 months" (best-before)
    "20%", "25%", "1.5 kg",  # input hints: "200, or 25%", "500 g or 1.5 kg"
    "100%",  # "print at 100%" (printer scale)
}
# Was the list of literals still to convert (issue 18): it stays empty. A figure a seller
# reads is a {placeholder} of stated_facts.csv or comes from the data file that states it.
LEFT: dict[tuple[str, str], str] = {}


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


def _literal(fact: stated.StatedFact) -> re.Pattern[str] | None:
    """How the figure would read if typed into a text instead of its placeholder."""
    number = re.escape(fact.value)
    if fact.unit == "date":
        day = date.fromisoformat(fact.value)
        return re.compile(rf"\b{day.day} {day:%b}[a-z]* {day.year}\b")
    if fact.unit == "month":
        return re.compile(rf"\b{date(2000, int(fact.value), 1):%B}\b")
    # English and the Hindi catalog's words for each unit
    words = {"₹": None, "₹ lakh": None, "ft": "ft|feet|foot|फ़ुट|फुट",
             "micron": "micron|µm|माइक्रोन|माइक्रॉन", "px": "px|pixels|पिक्सेल",
             "%": "%|percent|प्रतिशत", "days": "days?|दिन", "years": "years?|साल|वर्ष",
             "minutes": "minutes?|min|मिनट", "cm": "cm|सेमी", "prefix": ""}
    if fact.unit.startswith("₹"):
        return re.compile(rf"₹\s?{number}(?![\d,])")
    unit = words.get(fact.unit, re.escape(fact.unit))
    return re.compile(rf"(?<![\d.,{{])\b{number}\b" + (rf"\s?(?:{unit})" if unit else ""))


def _all_msgids() -> list[str | tuple[str, str]]:
    from babel.messages.pofile import read_po

    with (ROOT / "locales" / "messages.pot").open("rb") as handle:
        catalog = read_po(handle)
    out = []
    for message in catalog:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        out += [i for i in ids if i]
    # and the Hindi a seller reads (each kept with its msgid, for the allow-list)
    with (ROOT / "locales" / "hi" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        hindi = read_po(handle)
    for message in hindi:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        out += [(msgid, text) for text in strings if msgid and text]
    return out


def test_no_user_facing_string_types_a_stated_figure() -> None:
    """A literal figure that stated_facts.csv carries (with its source and date) may not
    come back into any user-facing string: a changed rule must stay one data edit."""
    literals = {key: _literal(fact) for key, fact in stated.facts().items()}
    typed = []
    for entry in _all_msgids():
        msgid, text = entry if isinstance(entry, tuple) else (entry, entry)
        typed += [f"{key}: {pattern.pattern!r} in {text[:70]!r}"
                  for key, pattern in literals.items()
                  if pattern.search(text) and not msgid.startswith(NOT_THE_FACT.get(key, ()))]
    assert not typed, "\n".join(typed)


# The same number meaning something else (fact key -> msgid starts), each with its reason.
NOT_THE_FACT: dict[str, tuple[str, ...]] = {
    # staff statistics over the last week, and the workshop reminder limit: not the
    # marketplace's claim window
    "claim_window": ("Give reminders like this:", "Sellers · share of those who joined",
                     "{percent} · +{this} in the last 7 days"),
}


def test_the_literal_scan_catches_a_typed_figure() -> None:
    facts = stated.facts()
    assert _literal(facts["tm_fee_small"]).search("fee ₹4,500 per class")
    assert _literal(facts["drop_height"]).search("drop it from 3 feet")
    assert _literal(facts["sup_ban_date"]).search("banned since 1 July 2022")
    assert _literal(facts["carry_bag_micron"]).search("at least 120 µm")
    assert not _literal(facts["claim_window"]).search("within {claim_window} days")
    assert not _literal(facts["tm_fee_small"]).search("₹14,500")
    assert _literal(facts["claim_window"]).search("7 दिन के अंदर")


def test_the_step_cards_and_calculator_read_the_data() -> None:
    from bot.i18n import use_locale
    from bot.pricing import flow as pricing
    from bot.steps.texts import STEP_TEXTS

    iec = stated.fill(STEP_TEXTS["iec"].how)
    assert "The fee is ₹500." in iec and "between April and June" in iec
    assert "5 cm padding" in stated.fill(STEP_TEXTS["packaging"].how)
    assert "about 3 feet" in stated.fill(STEP_TEXTS["packaging"].how)
    assert "(₹4,500 instead of ₹9,000 per class)" in stated.fill(STEP_TEXTS["udyam"].why)
    with use_locale("hi"):
        from bot.i18n import _
        hindi = stated.fill(_(STEP_TEXTS["iec"].how))
        assert "अप्रैल" in hindi and "जून" in hindi and "{" not in hindi
    for step in STEP_TEXTS.values():
        for text in (step.why, step.need, step.how):
            assert "{" not in stated.fill(text), text
    zone = pricing.FORM.field("zone").asked({"marketplace": "flipkart"})
    assert "Orders up to 500 g ship free" in zone
    gst = pricing.FORM.field("gst").asked({})
    assert gst.endswith("most handicrafts pay 5%.")
    assert pricing._slab_words() == "5%/18% (clothes)"
    assert pricing.gst_rates() == ("0", "3", "5", "18")
