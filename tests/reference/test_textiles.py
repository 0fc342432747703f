"""Issue 18 item 4: a textile's HSN follows its fibre, from a sourced data table."""

from __future__ import annotations

import re

import pytest

from bot.i18n import use_locale
from bot.listing import draft_notes
from bot.listing.draft_notes import ISSUE_TEXT
from bot.listing.drafts import SellerFacts, build
from bot.reference import categories, textiles
from tests.listing.test_drafts import ANSWERS, GOOD_PHOTO, SELLER


@pytest.mark.parametrize(("material", "fibre"), [
    ("Georgette", "man_made"), ("Pink Georgette", "man_made"), ("Polyester", "man_made"),
    ("Rayon", "man_made"), ("Cotton", "cotton"), ("Muslin", "cotton"), ("Silk", "silk"),
    ("Tussar Silk", "silk"), ("Woollen", "wool"),
    ("Silk Georgette", None),  # two fibres named: a blend the seller must classify
    ("Linen", None), ("", None),
])
def test_fibre_of_a_material(material, fibre) -> None:
    assert textiles.fibre_of(material) == fibre


def test_every_textile_category_is_split_by_fibre() -> None:
    """Every textile category whose tariff heading splits by fibre has a row per fibre it
    is made in; the ones left out are not split by fibre (jute, soft toys, poshak)."""
    textile = {c.key for c in categories.categories() if "textile" in c.traits}
    not_split = {"jute_bag", "jute_wall_hanging", "soft_toy", "deity_poshak"}
    assert textiles.split_categories() == textile - not_split
    for key in textiles.split_categories():
        fibres = {r.fibre for r in textiles.rows() if r.category_key == key}
        assert {"cotton", "man_made"} <= fibres or {"wool", "man_made"} <= fibres, key


def test_every_row_has_a_source_and_an_as_of_date_and_only_sourced_codes_are_not_u() -> None:
    for row in textiles.rows():
        assert row.source and row.as_of
        assert categories.category(row.category_key) is not None
        assert row.hsn8.startswith(row.hsn)
        if row.confidence != "U":
            assert "my reading" not in row.source, row


def test_georgette_kurta_is_not_under_the_cotton_code() -> None:
    kurta = ANSWERS | {"category": "kurta", "materials": "जॉर्जेट", "price": "900",
                       "mrp": "999"}
    draft = build(kurta, [GOOD_PHOTO] * 4, SELLER, "amazon")
    assert draft.attributes["HSN"] == "62114300"  # 6211 43: of man-made fibres, not 6211 42
    assert draft.attributes["GST %"] == "5"
    issue = next(i for i in draft.issues if i.code == "check_hsn")
    assert issue.params["hsn"] == "62114300"
    assert "check it with your CA or facilitator" in ISSUE_TEXT["check_hsn"]
    cotton = build(kurta | {"materials": "सूती"}, [GOOD_PHOTO] * 4, SELLER, "amazon")
    assert cotton.attributes["HSN"] == "62114290"


@pytest.mark.parametrize("locale", ["en", "hi"])
@pytest.mark.parametrize("enrolment", [False, True])
def test_the_advice_gives_an_unconfirmed_hsn_once(locale, enrolment) -> None:
    """A walk: a georgette kurta's advice said "Suggested: HSN 62114300 … confirm" and
    again "HSN 62114300 is our best guess, not confirmed". One line now gives the code and
    says it is a guess, in the seller's language; a confirmed code reads as before."""
    seller = SellerFacts(**{**SELLER.__dict__, "gstin": None, "enrolment_id": "EID1"}
                         ) if enrolment else SELLER
    kurta = ANSWERS | {"category": "kurta", "materials": "जॉर्जेट", "price": "900",
                       "mrp": "999"}
    draft = build(kurta, [GOOD_PHOTO] * 4, seller, "amazon")
    guess = {"en": "best guess", "hi": "अंदाज़ा"}[locale]
    with use_locale(locale):
        note = draft_notes.explain(draft)
    hsn_lines = [line for line in note.splitlines() if "62114300" in line]
    assert len(hsn_lines) == 1 and note.count("62114300") == 1, note
    assert guess in hsn_lines[0] and ("CA" in hsn_lines[0])
    assert draft.hsn_unconfirmed
    assert ("GST" in hsn_lines[0]) and (("5%" in hsn_lines[0]) != enrolment)
    if locale == "hi":
        assert not re.search("best guess|Suggested", note)
    shirt = build(ANSWERS | {"category": "shirt", "materials": "Cotton", "price": "900",
                             "mrp": "999"}, [GOOD_PHOTO] * 4, seller, "amazon")
    with use_locale(locale):
        plain = draft_notes.explain(shirt)
    assert plain.count("62052000") == 1 and guess not in plain


def test_a_silk_saree_of_georgette_leaves_silk() -> None:
    saree = ANSWERS | {"category": "silk_saree", "materials": "Georgette", "price": "1500",
                       "mrp": "1999"}
    assert build(saree, [GOOD_PHOTO] * 4, SELLER, "amazon").attributes["HSN"] == "54075290"


def test_a_confirmed_code_is_not_flagged() -> None:
    shirt = ANSWERS | {"category": "shirt", "materials": "Cotton", "price": "900",
                       "mrp": "999"}
    draft = build(shirt, [GOOD_PHOTO] * 4, SELLER, "amazon")
    assert draft.attributes["HSN"] == "62052000"
    assert "check_hsn" not in {i.code for i in draft.issues}


MATERIAL = {"cotton": "Cotton", "silk": "Silk", "wool": "Wool", "man_made": "Georgette"}


def test_every_unconfirmed_code_is_said_to_be_unconfirmed_wherever_it_is_shown() -> None:
    """Issue 18: a U code (our reading of the tariff, not confirmed by a source) is never
    stated as fact: the draft's advice, the text draft beside the code and the sheet's
    "HSN to check" column all say so; an L or C code is shown plainly."""
    from bot.listing import export

    seen = 0
    for row in textiles.rows():
        answers = ANSWERS | {"category": row.category_key, "materials": MATERIAL[row.fibre],
                             "price": "900", "mrp": "999"}
        draft = build(answers, [GOOD_PHOTO] * 4, SELLER, "amazon")
        assert draft.attributes["HSN"] == row.hsn8, row
        text = draft.text()
        sheet = dict(zip(export.base_columns("amazon"), export.row(draft, "SKU1"), strict=True))
        if row.confidence == "U":
            seen += 1
            assert draft.hsn_unconfirmed, row
            assert f"HSN: {row.hsn8}\n  (HSN not confirmed: our best guess." in text, row
            assert sheet["HSN to check"] == export.HSN_GUESS, row
        else:
            assert not draft.hsn_unconfirmed and "HSN not confirmed" not in text, row
            assert sheet["HSN to check"] == "", row
    assert seen == sum(r.confidence == "U" for r in textiles.rows()) > 50


def test_the_codes_the_december_check_changed() -> None:
    """57029200 is not a tariff item (5702 92 has 10/20/90 [legalart]); 5703 10 10 is
    'Carpets' of wool, tufted [getatoz] (L)."""
    rows = {(r.category_key, r.fibre): r for r in textiles.rows()}
    assert rows[("durrie", "man_made")].hsn8 == "57029210"
    assert rows[("durrie", "man_made")].confidence == "U"
    assert rows[("carpet_tufted", "wool")].confidence == "L"
    assert "getatoz" in rows[("carpet_tufted", "wool")].source
    assert "Lucknow Chikan" in rows[("chikankari_fabric", "cotton")].source
