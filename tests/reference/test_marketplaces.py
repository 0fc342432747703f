"""Marketplace listing rules (bot/reference/data/marketplaces.toml) against facts.md §3."""

from __future__ import annotations

import pytest

from bot.reference import marketplaces
from bot.reference.marketplaces import (
    AS_OF_RE,
    KNOWN_ATTRIBUTES,
    RULE_FIELDS,
    MarketplaceDataError,
    all_rules,
    load,
    rules,
)

KEYS = ["flipkart", "amazon", "meesho", "ondc", "walmart"]


def test_every_marketplace_in_file_order():
    assert list(all_rules()) == KEYS
    assert all(all_rules()[k].key == k for k in KEYS)


@pytest.mark.parametrize("key", KEYS)
def test_every_field_with_provenance(key):
    r = rules(key)
    for field in RULE_FIELDS:
        assert getattr(r, field) is not None, field
        prov = r.provenance(field)
        assert prov.source.strip(), field
        assert AS_OF_RE.match(prov.as_of), field
        assert prov.confidence in ("C", "L", "U"), field
    assert r.sources and r.as_of and r.confidence in ("C", "L", "U")
    assert r.title_recommended_max <= r.title_max
    assert r.image_recommended_px >= r.image_min_px
    assert set(r.required_attributes) <= KNOWN_ATTRIBUTES
    # LM Rule 6(10): every Indian marketplace shows the Rule 6(1) declarations.
    if not r.export_only:
        assert {"manufacturer", "country_of_origin", "generic_name", "net_quantity", "mrp",
                "consumer_care"} <= set(r.required_attributes)


def test_amazon_matches_facts():
    a = rules("amazon")
    assert a.title_max == 200
    assert a.title_recommended_max < 80
    assert a.title_order[0] == "brand"
    assert set(a.forbidden_title_chars) == set("!$?_{}^¬¦")
    assert a.no_all_caps is True
    assert a.max_word_repeats == 2 and a.confidence_of("max_word_repeats") == "L"
    assert (a.bullets_max, a.bullet_max_len) == (5, 250)
    assert {"emoji", "tm_symbols", "html", "phone", "email", "url"} <= set(a.forbidden_text)
    assert (a.image_min_px, a.image_recommended_px, a.main_image_white) == (500, 1000, True)
    assert "country_of_origin" in a.required_attributes
    assert a.provenance("title_max").source == "AMZt; AMZae"
    assert a.confidence_of("title_max") == "C"
    # Amazon's own phrases are confirmed; the promo words we added are assumptions.
    for phrase in ("free shipping", "100% quality guaranteed", "best seller"):
        assert phrase in a.forbidden_title_words
        assert a.confidence_of("forbidden_title_words", phrase) == "C"
    assert a.confidence_of("forbidden_title_words", "SALE") == "U"
    assert a.confidence_of("forbidden_text", "emoji") == "L"
    assert a.confidence_of("forbidden_text", "phone") == "C"


def test_walmart_is_export_only_and_matches_facts():
    w = rules("walmart")
    assert w.export_only is True
    assert [k for k, r in all_rules().items() if r.export_only] == ["walmart"]
    assert w.title_recommended_max == 75
    assert set(w.forbidden_title_chars) == set("™½@^*")
    assert {"#1", "best selling", "high quality"} <= set(w.forbidden_title_words)
    assert (w.image_min_px, w.image_recommended_px, w.min_images) == (1500, 2200, 4)
    assert w.confidence_of("image_recommended_px") == "C"
    assert "gtin" in w.required_attributes
    assert w.needs_gstin is False


def test_meesho_takes_enrolment_id_and_unknowns_are_marked_u():
    m = rules("meesho")
    # A GST identity is needed, and the PAN-based enrolment ID is enough.
    assert m.needs_gstin is True and m.accepts_enrolment_id is True
    assert "gstin_or_eid" in m.required_attributes
    assert m.confidence_of("accepts_enrolment_id") == "C"
    # facts.md: Meesho title rules "not found" → our values are assumptions.
    assert m.confidence_of("title_max") == "U"
    assert m.confidence_of("forbidden_title_words") == "U"
    assert rules("flipkart").needs_gstin is True
    assert rules("flipkart").confidence_of("title_order") == "L"


def test_forbidden_words_are_lower_case():
    for r in all_rules().values():
        assert all(w == w.lower().strip() for w in r.forbidden_title_words)


def test_unknown_marketplace():
    with pytest.raises(KeyError, match="etsy"):
        rules("etsy")


def _text() -> str:
    return marketplaces.MARKETPLACES_TOML.read_text(encoding="utf-8")


@pytest.mark.parametrize("old, new, message", [
    ("title_max = 200\n", 'title_max = "200"\n', "[amazon].title_max: must be a positive integer"),
    ("title_max = 200\n", "", "[amazon].title_max: missing"),
    ("export_only = true\n", "export_only = 1\n", "[walmart].export_only: must be true or false"),
    ('"brand", "product", "gtin"', '"brand", "product", "barcode"',
     "[walmart].required_attributes: unknown name(s) ['barcode']"),
    ('forbidden_title_chars = ["™"', 'forbidden_title_chars = ["TM"',
     "[walmart].forbidden_title_chars: entries must be single characters"),
    ('sources = "AMZt; AMZae"\nas_of = "2026-11"\nconfidence = "C"',
     'sources = "AMZt; AMZae"\nas_of = "2026-11"\nconfidence = "sure"',
     "[amazon].sources: confidence must be one of C/L/U"),
    ('sources = "AMZt; AMZae"\nas_of = "2026-11"', 'sources = "AMZt; AMZae"\nas_of = "March"',
     "[amazon].sources: as_of must be YYYY-MM"),
    ("title_recommended_max = 79\n", "title_recommended_max = 300\n",
     "[amazon].title_recommended_max: 300 is above title_max 200"),
    ("max_word_repeats = 2\n", "max_word_repeats = 2\ncolor = 1\n",
     "[flipkart].color: unknown field"),
    ('"#1" = "U"', '"#2" = "U"', "[amazon].notes.forbidden_title_words.items: '#2' is not in"),
    ("[walmart.notes.title_max]", "[walmart.notes.title_length]",
     "[walmart].notes.title_length: is not a rule field"),
    ("[flipkart]\n", "[flipkart\n", "not valid TOML"),
    ("needs_gstin = true\naccepts_enrolment_id = true",
     "needs_gstin = false\naccepts_enrolment_id = true",
     "[meesho].accepts_enrolment_id: is an alternative to a GSTIN"),
])
def test_loader_rejects_malformed_file(tmp_path, old, new, message):
    text = _text()
    assert old in text
    bad = tmp_path / "marketplaces.toml"
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(MarketplaceDataError) as err:
        load(bad)
    assert message in str(err.value)
    assert isinstance(err.value, ValueError)


def test_loader_reads_a_path(tmp_path):
    good = tmp_path / "m.toml"
    good.write_text(_text(), encoding="utf-8")
    assert load(good) == all_rules()
