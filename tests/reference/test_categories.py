"""Product categories: craft coverage, GST/HSN spot checks against facts.md §5, the loader."""

from __future__ import annotations

import csv
import re
from decimal import Decimal
from pathlib import Path

import pytest

from bot.reference import categories as cat
from bot.reference import districts as ref

DEVANAGARI = re.compile("[\u0900-\u097f]")
BUTTON_MAX = 28


def _get(key: str) -> cat.Category:
    found = cat.category(key)
    assert found is not None, key
    return found


def _rate(key: str, price: str = "1000") -> Decimal:
    return cat.gst_for(_get(key), Decimal(price)).percent


# ------------------------------------------------------------------------ data


def test_category_count_and_unique_keys() -> None:
    keys = [c.key for c in cat.categories()]
    assert 45 <= len(keys) <= 70
    assert len(keys) == len(set(keys))


def test_categories_keep_file_order() -> None:
    with cat.CATEGORIES_CSV.open(encoding="utf-8", newline="") as fh:
        file_keys = [row["key"] for row in csv.DictReader(fh)]
    assert [c.key for c in cat.categories()] == file_keys


def test_every_craft_except_other_has_a_category() -> None:
    covered = {c.craft_key for c in cat.categories()}
    missing = {c.key for c in ref.crafts()} - covered
    assert missing <= {"other"}, missing


def test_other_craft_gets_a_generic_category() -> None:
    others = [c for c in cat.categories() if c.craft_key == "other"]
    assert [c.name_en for c in others] == ["Other handmade article"]
    assert others[0].confidence == "U"


def test_every_category_craft_exists() -> None:
    for c in cat.categories():
        assert ref.craft(c.craft_key) is not None, c.key


def test_names_fit_a_button_and_hindi_is_devanagari() -> None:
    for c in cat.categories():
        assert 0 < len(c.name_en) <= BUTTON_MAX, c.key
        assert 0 < len(c.name_hi) <= BUTTON_MAX, c.key
        assert DEVANAGARI.search(c.name_hi), c.key
        assert c.generic_name_en, c.key
        assert c.name("hi") == c.name_hi
        assert c.name("hi_IN") == c.name_hi
        assert c.name("en") == c.name_en


def test_hsn_and_sources_are_well_formed() -> None:
    for c in cat.categories():
        assert re.fullmatch(r"\d{4}|\d{6}|\d{8}", c.hsn) or (not c.hsn and c.confidence == "U"), c
        assert c.as_of and c.hsn8_source and c.hsn8_confidence in {"C", "L", "U"}, c.key
        assert c.confidence in {"C", "L", "U"}, c.key
        assert c.source, c.key
        assert c.traits <= cat.TRAITS, c.key


def test_unconfirmed_mappings_say_so() -> None:
    # A U row is either marked U in facts.md itself or says that facts.md does not list it.
    for c in cat.categories():
        if c.confidence == "U":
            assert "facts.md" in c.source, c.key


def test_price_dependent_rows_are_the_2500_rule() -> None:
    for c in cat.categories():
        if c.price_dependent:
            assert (c.gst_percent, c.gst_percent_above, c.gst_threshold) == (
                Decimal(5), Decimal(18), Decimal(2500)
            ), c.key
        else:
            assert c.gst_percent_above is None and c.gst_threshold is None, c.key


def test_lookup_unknown_key() -> None:
    assert cat.category("flying_carpet") is None


# ----------------------------------------------------------- facts.md §5 checks


def test_carpets_and_durries_5_percent() -> None:
    for key in ("carpet_handmade", "carpet_tufted", "durrie"):
        c = _get(key)
        assert c.hsn.startswith("57"), key
        assert _rate(key) == Decimal(5)
        assert "textile" in c.traits


def test_glass_bangles_nil() -> None:
    c = _get("glass_bangles")
    assert c.hsn.startswith("7018")
    assert _rate("glass_bangles") == Decimal(0)
    assert "fragile" in c.traits


def test_glass_tableware_18_and_art_ware_5() -> None:
    assert _get("glass_tableware").hsn.startswith("7013")
    assert _rate("glass_tableware") == Decimal(18)
    assert _get("glass_art_ware").hsn.startswith("7020")
    assert _rate("glass_art_ware") == Decimal(5)


def test_chikankari_embroidery_5810_5_percent() -> None:
    c = _get("chikankari_fabric")
    assert c.hsn == "5810"
    assert _rate("chikankari_fabric", "9000") == Decimal(5)


@pytest.mark.parametrize("key", ["chikankari_kurta", "kurta", "shirt"])
def test_garments_5_percent_up_to_2500_taxable_then_18(key: str) -> None:
    """The ₹2,500 test is on the value before GST: ₹2,625 = ₹2,500 + 5 % stays at 5 %."""
    c = _get(key)
    assert c.hsn[:2] in {"61", "62"}
    low = cat.gst_for(c, Decimal("2625"))
    high = cat.gst_for(c, Decimal("2626"))
    assert low.percent == Decimal(5) and high.percent == Decimal(18)
    assert low.price_dependent and high.price_dependent
    assert low.hsn == c.hsn8 and low.heading == c.hsn and low.confidence == "C"
    assert c.size_kind == "garment"


def test_footwear_5_percent_up_to_2500_taxable_per_pair_then_18() -> None:
    c = _get("footwear")
    assert c.hsn.startswith("64") and c.unit == "pair"
    for price in ("2500", "2501", "2600", "2625"):  # the old code said 18 % from ₹2,501
        assert cat.gst_for(c, Decimal(price)).percent == Decimal(5), price
    assert cat.gst_for(c, Decimal("2625.01")).percent == Decimal(18)
    assert cat.gst_for(c, Decimal("2626")).percent == Decimal(18)
    assert cat.taxable_value(c, Decimal("2625")) == Decimal(2500)
    assert cat.slab_limit(c) == Decimal(2625)


@pytest.mark.parametrize("key", ["patchwork_article", "bedsheet", "cushion_cover",
                                 "jute_wall_hanging", "deity_poshak"])
def test_made_ups_use_the_taxable_value_too(key: str) -> None:
    c = _get(key)
    assert cat.gst_for(c, Decimal("2600")).percent == Decimal(5)
    assert cat.gst_for(c, Decimal("2700")).percent == Decimal(18)


def test_flat_rate_ignores_price() -> None:
    c = _get("silk_saree")
    assert not cat.gst_for(c, Decimal("30000")).price_dependent
    assert cat.gst_for(c, Decimal("30000")).percent == Decimal(5)
    assert c.size_kind == "saree"


def test_attar_3303_18_percent_and_liquid() -> None:
    for key in ("attar", "perfume"):
        c = _get(key)
        assert c.hsn == ("3301" if key == "attar" else "3303")  # attar in oil: 3301 90 31
        assert _rate(key) == Decimal(18)
        assert c.size_kind == "volume" and c.unit == "ml"
        assert "liquid" in c.traits
    assert "flammable" in _get("perfume").traits  # alcohol-based: UN1266, Class 3


def test_agarbatti_330741_5_percent() -> None:
    assert _get("agarbatti").hsn8 == "33074100"
    assert _rate("agarbatti") == Decimal(5)


def test_silver_jewellery_3_percent() -> None:
    assert _get("silver_jewellery").hsn.startswith("7113")
    assert _rate("silver_jewellery", "50000") == Decimal(3)
    assert _rate("imitation_jewellery") == Decimal(3)


def test_locks_8301_18_percent() -> None:
    assert _get("lock").hsn.startswith("8301")
    assert _rate("lock") == Decimal(18)


def test_clay_idols_nil_and_terracotta_fragile() -> None:
    assert _rate("clay_idol") == Decimal(0)
    for key in ("terracotta_art", "black_pottery", "pottery_tableware"):
        assert "fragile" in _get(key).traits, key


def test_food_is_sold_by_weight() -> None:
    for key in ("jaggery", "rice"):
        c = _get(key)
        assert c.size_kind == "weight" and c.unit == "g" and "food" in c.traits


# ------------------------------------------------------------------ for_craft


def test_for_craft_glassware_starts_with_glass() -> None:
    listed = cat.for_craft("glassware")
    own = [c for c in cat.categories() if c.craft_key == "glassware"]
    assert len(own) >= 3
    assert list(listed[: len(own)]) == own
    assert {"glass_bangles", "glass_art_ware", "glass_tableware"} <= {c.key for c in own}
    assert all(c.craft_key != "glassware" for c in listed[len(own):])


def test_for_craft_lists_everything_once() -> None:
    everything = cat.categories()
    for craft_key in ("glassware", "other", None, "no_such_craft"):
        listed = cat.for_craft(craft_key)
        assert len(listed) == len(everything)
        assert {c.key for c in listed} == {c.key for c in everything}
    assert cat.for_craft(None) == everything


# ---------------------------------------------------------------------- loader


_GOOD = {
    "key": "brass_lamp", "craft_key": "brass_metal_craft", "name_en": "Brass lamp",
    "name_hi": "पीतल का दीया", "generic_name_en": "Brass art ware", "hsn": "7419",
    "hsn8": "74198030", "hsn8_confidence": "L", "hsn8_source": "cta",
    "gst_percent": "5", "gst_percent_above": "", "gst_threshold": "", "size_kind": "dims",
    "unit": "piece", "traits": "metal", "confidence": "C", "source": "n13",
    "as_of": "2025-09-22",
}


def _write(path: Path, *rows: dict[str, str], header: tuple[str, ...] = cat.COLUMNS) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        for row in rows:
            writer.writerow([row.get(c, "") for c in header])
    return path


def _load(path: Path) -> tuple[cat.Category, ...]:
    return cat.load_categories(path, craft_keys=("brass_metal_craft", "garments"))


def test_loader_reads_a_good_file(tmp_path: Path) -> None:
    shirt = {**_GOOD, "key": "shirt", "craft_key": "garments", "hsn": "6205", "hsn8": "62052000",
             "gst_percent_above": "18", "gst_threshold": "2500", "size_kind": "garment",
             "traits": "textile"}
    loaded = _load(_write(tmp_path / "c.csv", _GOOD, shirt))
    assert [c.key for c in loaded] == ["brass_lamp", "shirt"]
    assert loaded[0].traits == frozenset({"metal"}) and loaded[0].gst_percent == Decimal(5)
    assert loaded[1].gst_threshold == Decimal(2500)


def test_loader_default_crafts_come_from_crafts_csv(tmp_path: Path) -> None:
    loaded = cat.load_categories(_write(tmp_path / "c.csv", _GOOD))
    assert loaded[0].craft_key == "brass_metal_craft"
    bad = {**_GOOD, "craft_key": "garments"}  # not a key in crafts.csv
    with pytest.raises(ref.ReferenceDataError, match="unknown craft_key"):
        cat.load_categories(_write(tmp_path / "d.csv", bad))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"craft_key": "pottery"}, "line 2: unknown craft_key 'pottery'"),
        ({"hsn": "74AB"}, "hsn"),
        ({"hsn": "741"}, "hsn"),
        ({"hsn": "741999001"}, "hsn"),
        ({"hsn": "1234567"}, "hsn"),
        ({"hsn": ""}, "empty hsn"),
        ({"hsn8": "741980"}, "hsn8 '741980' must be 8 digits"),
        ({"hsn8": ""}, "hsn and hsn8 go together"),
        ({"hsn8": "83062910"}, "not under the heading"),
        ({"hsn8_confidence": "sure"}, "hsn8_confidence"),
        ({"as_of": "Sep 2025"}, "as_of"),
        ({"gst_percent": "12"}, "GST 2.0 rate"),
        ({"gst_percent": "five"}, "not a number"),
        ({"gst_percent": ""}, "empty gst_percent"),
        ({"gst_percent_above": "18"}, "give both or neither"),
        ({"gst_percent_above": "18", "gst_threshold": "-5"}, "positive"),
        ({"gst_percent_above": "28", "gst_threshold": "2500"}, "GST 2.0 rate"),
        ({"size_kind": "inches"}, "unknown size_kind"),
        ({"unit": "dozen"}, "unknown unit"),
        ({"size_kind": "volume"}, "volume goes with unit ml"),
        ({"traits": "metal;shiny"}, "unknown trait"),
        ({"confidence": "X"}, "confidence"),
        ({"key": "Brass Lamp"}, "slug"),
        ({"name_hi": "Peetal ka diya"}, "Devanagari"),
        ({"name_en": "A very long brass lamp name indeed"}, "over 28"),
        ({"source": ""}, "empty source"),
    ],
)
def test_loader_rejects_malformed_row(tmp_path: Path, change: dict[str, str], message: str) -> None:
    path = _write(tmp_path / "bad.csv", {**_GOOD, **change})
    with pytest.raises(ref.ReferenceDataError, match=re.escape(message)) as err:
        _load(path)
    assert str(err.value).startswith("bad.csv line 2:")


def test_loader_rejects_duplicate_key_on_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path / "dup.csv", _GOOD, _GOOD)
    expected = r"dup\.csv line 3: duplicate key 'brass_lamp'"
    with pytest.raises(ref.ReferenceDataError, match=expected):
        _load(path)


def test_loader_rejects_wrong_header_and_extra_fields(tmp_path: Path) -> None:
    with pytest.raises(ref.ReferenceDataError, match="line 1: header"):
        _load(_write(tmp_path / "h.csv", _GOOD, header=cat.COLUMNS[:-1]))
    path = tmp_path / "x.csv"
    _write(path, _GOOD)
    extra = ",".join("x" * (len(cat.COLUMNS) + 1))
    path.write_text(path.read_text(encoding="utf-8") + extra + "\n", encoding="utf-8")
    with pytest.raises(ref.ReferenceDataError, match="line 3: too many fields"):
        _load(path)


def test_loader_reports_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ref.ReferenceDataError, match="cannot read"):
        _load(tmp_path / "nope.csv")


def test_every_category_has_an_8_digit_hsn() -> None:
    """ONDC seller apps reject fewer than 8 digits (audit 2026-11 note 1); only the catch-all
    row, where no code can be guessed, has none."""
    for c in cat.categories():
        if c.key == "other_handmade":
            assert not c.hsn8
            continue
        assert re.fullmatch(r"\d{8}", c.hsn8) and c.hsn8.startswith(c.hsn), c.key
        assert cat.gst_for(c, Decimal(100)).hsn == c.hsn8


def test_audit_hsn_fixes_and_new_rows() -> None:
    idol = _get("clay_idol")
    assert idol.hsn == "6913" and idol.gst_percent == 0  # 6912 is tableware; nil by entry 135A
    assert (_get("iron_art_ware").hsn8, _get("iron_art_ware").gst_percent) == ("73269099", 5)
    assert (_get("aluminium_art_ware").hsn8, _get("aluminium_art_ware").gst_percent) == \
        ("76169990", 5)
    cane = _get("bamboo_cane_furniture")
    assert cane.hsn == "9403" and cane.gst_percent == 5
    assert _get("wooden_furniture").gst_percent == 18
    assert _get("brass_art_ware").hsn8 == "74198030"  # HS 2022: 7419 99 became 7419 80


@pytest.mark.parametrize(("key", "mark"), [
    ("brass_utensils", "L"), ("aluminium_utensils", "L"), ("wooden_toy", "C"), ("soft_toy", "C"),
    ("sports_goods", "C"), ("handcrafted_candle", "C"), ("clay_diya", "L"), ("bindi", "L"),
    ("kanthi_mala", "L"), ("hing", "L"), ("amla_product", "L"), ("bedsheet", "C"),
])
def test_confidence_marks_the_audit_confirmed(key: str, mark: str) -> None:
    assert _get(key).confidence == mark
