"""The Hindi catalog is complete, not fuzzy, current with the code, and well formed."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from bot.i18n import LOCALE_DIR, ROOT, format_money, use_locale

HI_PO = LOCALE_DIR / "hi" / "LC_MESSAGES" / "messages.po"
EN_PO = LOCALE_DIR / "en" / "LC_MESSAGES" / "messages.po"


def _catalog(path: Path):
    with path.open("rb") as f:
        return read_po(f)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> set[str]:
    """What the code says today, extracted exactly as `make extract` does."""
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    subprocess.run([str(Path(sys.executable).parent / "pybabel"), "extract", "-F",
                    "babel.cfg", "-k", "N_", "-o", str(pot), "."], cwd=ROOT, check=True,
                   capture_output=True)
    return {m.id if isinstance(m.id, str) else m.id[0] for m in _catalog(pot) if m.id}


def test_hindi_complete_and_not_fuzzy() -> None:
    catalog = _catalog(HI_PO)
    missing = [m.id for m in catalog if m.id and not (
        all(m.string) if isinstance(m.string, tuple) else m.string)]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not missing, f"untranslated Hindi entries: {missing[:10]}"
    assert not fuzzy, f"fuzzy Hindi entries: {fuzzy[:10]}"


# A seller (or a facilitator) may be a woman or a man: what the bot says to or about them
# uses the respectful plural (आप / वे ... सकते हैं), which is neutral; the words a seller
# presses speak for her or him in a neutral form ("खुद लिखूँ", not "मैं लिखूँगी").
GENDERED = ("सकती हैं", "लिखूँगी", "थीं", "बढ़ गईं", "लिखतीं", "करूँगी", "भेजूँगी")


def test_hindi_does_not_guess_a_persons_gender() -> None:
    found = [(m.id, word) for m in _catalog(HI_PO) if m.id for word in GENDERED
             if word in (" ".join(m.string) if isinstance(m.string, tuple) else m.string)]
    assert not found, found


def test_hindi_names_the_bot_in_devanagari() -> None:
    """A Hindi-only seller reads "हाट" (the welcome says "हाट में आपका स्वागत है"); a walk
    found "Haat" in Latin letters in broadcasts and posters beside it."""
    found = [m.id for m in _catalog(HI_PO) if m.id
             and "Haat" in (" ".join(m.string) if isinstance(m.string, tuple) else m.string)]
    assert not found, found


def test_hindi_plural_rule() -> None:
    assert "plural=(n > 1)" in _catalog(HI_PO).plural_forms


@pytest.mark.parametrize("po", [HI_PO, EN_PO])
def test_catalogs_are_current(extracted: set[str], po: Path) -> None:
    have = {m.id if isinstance(m.id, str) else m.id[0] for m in _catalog(po) if m.id}
    new = extracted - have
    gone = have - extracted
    assert not new, f"run `make extract` and translate: {sorted(new)[:10]}"
    assert not gone, f"run `make extract`: catalog has strings the code no longer uses: " \
                     f"{sorted(gone)[:10]}"


def test_hindi_keeps_placeholders_and_lines() -> None:
    for m in _catalog(HI_PO):
        if not m.id:
            continue
        # A plural entry: every form keeps the plural msgid's placeholders and lines.
        source = m.id[-1] if isinstance(m.id, tuple) else m.id
        for string in (m.string if isinstance(m.string, tuple) else (m.string,)):
            assert set(re.findall(r"\{\w+\}", source)) == set(re.findall(r"\{\w+\}", string)), m.id
            assert source.count("\n") == string.count("\n"), m.id


@pytest.mark.parametrize("po", [HI_PO, EN_PO])
def test_catalog_compiles(po: Path) -> None:
    # What `pybabel compile` refuses (e.g. "{n}% of" read as a %-format, its translation
    # "incompatible") would leave a stale .mo behind a green pytest run.
    problems = [(m.id, errors) for m, errors in _catalog(po).check() if errors]
    assert problems == []


def test_compiled_catalog_is_used() -> None:
    from bot.i18n import _

    with use_locale("hi"):
        assert _("What is your name?") != "What is your name?"
    with use_locale("en"):
        assert _("What is your name?") == "What is your name?"


def test_indian_money_format() -> None:
    for locale in ("hi", "en"):
        with use_locale(locale):
            assert format_money(1234567) == "₹12,34,567"
            assert format_money(1200.5) == "₹1,200.50"
