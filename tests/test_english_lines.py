"""Feature, care and story lines as sellers type them (both scripts, typos, Hinglish):
each becomes the expected English (checked by hand once and pinned in
``tests/data/seller_lines.csv``) or goes to a person ("person"); never transliterated
Hindi or Hinglish presented as English, never dropped without a word."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from bot.listing.drafts import SellerFacts, build
from bot.reference import districts, glossary, lines, phrases

LINES_CSV = Path(__file__).parent / "data" / "seller_lines.csv"
ROWS = list(csv.DictReader(LINES_CSV.open(encoding="utf-8")))
GAP = "person"
_DEVANAGARI = re.compile("[\u0900-\u097f]")


def _english_vocabulary() -> set[str]:
    """Every word a translated line may contain: glossary and phrase English, district
    names, and nothing transliterated."""
    words: set[str] = set()
    texts = [e.english for e in glossary.entries()]
    texts += [p.english for kind in phrases.KINDS for p in phrases.choices(kind, None)]
    texts += [p.english for p in phrases._phrases().by_key.values()]
    texts += [d.name_en for d in districts.districts()]
    texts += [p.english for p in lines.patterns()]
    texts += [e for forms in lines._data().groups.values() for e in forms.values()]
    texts += ["and", "or", "Set", "of", "s"]
    for text in texts:
        words.update(w.casefold() for w in re.findall(r"[A-Za-z]+", text))
    return words


VOCABULARY = _english_vocabulary()


def _kind(row: dict[str, str]) -> str:
    return "care" if row["kind"] == "care" else "feature"


def test_the_list_is_long_and_realistic() -> None:
    assert len(ROWS) >= 80
    for kind in ("feature", "care", "story"):
        assert sum(r["kind"] == kind for r in ROWS) >= 10
    assert sum(r["expected"] == GAP for r in ROWS) >= 15  # some must go to a person
    assert sum(bool(_DEVANAGARI.search(r["line"])) for r in ROWS) >= 80
    assert sum(phrases.is_hinglish(r["line"]) for r in ROWS) >= 10  # Latin-script Hindi


def test_the_share_rendered_is_in_the_readme() -> None:
    rendered = sum(r["expected"] != GAP for r in ROWS)
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert f"{rendered} of {len(ROWS)} " in readme


@pytest.mark.parametrize("row", ROWS, ids=[r["line"][:30] for r in ROWS])
def test_line_is_right_or_goes_to_a_person(row: dict[str, str]) -> None:
    line = phrases.english_line(row["line"], _kind(row))
    if row["expected"] == GAP:
        assert line.english is None and line.gap
        assert line.unknown, "a gap names the words that kept the line out"
        return
    assert line.english == row["expected"]
    if phrases.is_hinglish(row["line"]):
        assert line.english != row["line"], "Latin-script Hindi is not English"
    if _DEVANAGARI.search(row["line"]) or phrases.is_hinglish(row["line"]):
        # Translated, not transliterated: every word comes from the reference data.
        words = {w.casefold() for w in re.findall(r"[A-Za-z]+", line.english)}
        assert words <= VOCABULARY, words - VOCABULARY


def test_draft_leaves_gaps_out_and_says_so() -> None:
    seller = SellerFacts(name="रमेश प्रजापति", business_name="प्रजापति ग्लास वर्क्स",
                         district_code="firozabad", address="गली नं. 4, फिरोजाबाद 283203",
                         phone="+919876543210", email=None, gstin=None, enrolment_id=None)
    features = [r["line"] for r in ROWS if r["kind"] == "feature"]
    care = [r["line"] for r in ROWS if r["kind"] == "care"]
    answers = {"category": "glass_art_ware", "name": "कांच का फूलदान", "materials": "कांच",
               "colours": "नीला", "size_dims": [20.0, 20.0, 30.0], "weight_g": 900,
               "price": "850", "mrp": "999", "stock": 10, "handmade": "yes",
               "features": features, "care": care}
    draft = build(answers, [], seller, "amazon")
    text = draft.text()
    assert not _DEVANAGARI.search(text)
    assert text.startswith("INCOMPLETE:")  # said at the top, before anything to paste
    gaps = [r for r in ROWS if r["expected"] == GAP and r["kind"] != "story"]
    assert len(draft.gaps) == len(gaps)
    assert {g.params["text"] for g in draft.gaps} == {r["line"] for r in gaps}
    # Nothing transliterated in the body: the words of gap lines are not there.
    for row in gaps:
        for word in phrases.english_line(row["line"], _kind(row)).unknown:
            assert glossary.transliterate(word) not in text.split()
    assert "Brand: Prajapati Glass Works" in text
    assert "Gali No. 4, Firozabad 283203" in text
