"""Reference data (districts, crafts, ODOP products) and district matching."""

from __future__ import annotations

import csv
import re
import time
from pathlib import Path

import pytest

from bot.reference import districts as ref

DEVANAGARI = re.compile("[\u0900-\u097f]")
BUTTON_MAX = 28


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _top(text: str) -> str | None:
    found = ref.match_district(text)
    return found[0].code if found else None


# ------------------------------------------------------------------------ data


def test_exactly_75_districts_with_unique_codes() -> None:
    codes = [d.code for d in ref.districts()]
    assert len(codes) == 75
    assert len(set(codes)) == 75
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", c) for c in codes)


def test_districts_sorted_by_english_name() -> None:
    names = [d.name_en for d in ref.districts()]
    assert names == sorted(names)


def test_hindi_district_names_are_devanagari() -> None:
    for d in ref.districts():
        assert d.name_hi.strip() and DEVANAGARI.search(d.name_hi), d.code


def test_district_lookup_and_locale_name() -> None:
    agra = ref.district("agra")
    assert agra is not None
    assert agra.name("hi") == "आगरा"
    assert agra.name("en") == "Agra"
    assert agra.name("hi-IN") == "आगरा"
    assert ref.district("atlantis") is None


def test_known_codes_present() -> None:
    for code in ("firozabad", "gautam_buddha_nagar", "bhadohi", "kanpur_nagar", "kanpur_dehat",
                 "lakhimpur_kheri", "sant_kabir_nagar", "prayagraj", "ayodhya", "varanasi"):
        assert ref.district(code) is not None, code


def test_every_odop_row_references_known_district_and_craft() -> None:
    rows = _rows(ref.ODOP_CSV)
    assert rows
    for row in rows:
        assert ref.district(row["district_code"]) is not None, row
        assert ref.craft(row["craft_key"]) is not None, row
        assert row["primary"] in ("yes", "no"), row


def test_every_district_has_one_primary_product_first() -> None:
    for d in ref.districts():
        products = ref.odop_products(d.code)
        assert products, d.code
        assert products[0].primary, d.code
        assert sum(p.primary for p in products) == 1, d.code


def test_odop_product_names_fit_a_button() -> None:
    for d in ref.districts():
        for p in ref.odop_products(d.code):
            assert 0 < len(p.product_en) <= BUTTON_MAX, p
            assert 0 < len(p.product_hi) <= BUTTON_MAX, p
            assert DEVANAGARI.search(p.product_hi), p
            assert p.name("hi") == p.product_hi and p.name("en") == p.product_en


def test_odop_products_unknown_district_is_empty() -> None:
    assert ref.odop_products("nowhere") == ()


def test_source_columns_non_empty() -> None:
    for path, columns in (
        (ref.DISTRICTS_CSV, ("confidence", "sources")),
        (ref.ODOP_CSV, ("confidence", "sources")),
        (ref.CRAFTS_CSV, ("source",)),
    ):
        for row in _rows(path):
            for column in columns:
                assert row[column].strip(), (path.name, row)


def test_districts_csv_matches_loaded_data() -> None:
    rows = _rows(ref.DISTRICTS_CSV)
    assert len(rows) == 75
    assert {r["code"] for r in rows} == {d.code for d in ref.districts()}


def test_most_districts_have_two_aliases() -> None:
    thin = [d.code for d in ref.districts() if len(d.aliases) < 2]
    assert not thin


# ---------------------------------------------------------------------- crafts


def test_crafts_unique_keys_and_short_names() -> None:
    crafts = ref.crafts()
    keys = [c.key for c in crafts]
    assert len(keys) == len(set(keys))
    assert 25 <= len(crafts) <= 40
    for c in crafts:
        assert 0 < len(c.name_en) <= BUTTON_MAX, c
        assert 0 < len(c.name_hi) <= BUTTON_MAX, c
        assert DEVANAGARI.search(c.name_hi), c


def test_other_craft_is_last() -> None:
    assert ref.crafts()[-1].key == "other"


def test_every_craft_except_other_is_used() -> None:
    used = {r["craft_key"] for r in _rows(ref.ODOP_CSV)}
    assert {c.key for c in ref.crafts()} - used == {"other"}


def test_match_craft() -> None:
    assert ref.match_craft("glassware").key == "glassware"
    assert ref.match_craft("Glassware & glass art").key == "glassware"
    assert ref.match_craft("कांच के सामान").key == "glassware"
    assert ref.match_craft("  CARPETS & DURRIES ").key == "carpets_durries"
    assert ref.match_craft("पीतल / धातु शिल्प").key == "brass_metal_craft"
    assert ref.match_craft("spaceships") is None
    assert ref.match_craft("") is None
    craft = ref.craft("glassware")
    assert craft is not None and craft.name("hi") == "कांच के सामान"


# -------------------------------------------------------------------- matching


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # the brief's cases
        ("Ferozabad", "firozabad"),
        ("फ़िरोज़ाबाद", "firozabad"),
        ("फिरोजाबाद", "firozabad"),
        ("firozabad", "firozabad"),
        ("  FIROZABAD  ", "firozabad"),
        ("Allahabad", "prayagraj"),
        ("Noida", "gautam_buddha_nagar"),
        ("Banaras", "varanasi"),
        ("lukhnow", "lucknow"),
        ("Kanpur", "kanpur_nagar"),
        ("Bhadohi", "bhadohi"),
        ("Sant Ravidas Nagar", "bhadohi"),
        # typos (fuzzy)
        ("firozbad", "firozabad"),
        ("muradabad", "moradabad"),
        ("varansi", "varanasi"),
        ("फिरोजबाद", "firozabad"),
        ("moradbad", "moradabad"),
        ("gorakhpr", "gorakhpur"),
        ("prtapgarh", "pratapgarh"),
        ("saharnpur", "saharanpur"),
        ("वारानसी", "varanasi"),
        ("इलाहबाद", "prayagraj"),
        ("अलिगढ़", "aligarh"),
        ("सहारनपूर", "saharanpur"),
        # renames, towns and Hinglish
        ("Faizabad", "ayodhya"),
        ("फ़ैज़ाबाद", "ayodhya"),
        ("Greater Noida", "gautam_buddha_nagar"),
        ("नोएडा", "gautam_buddha_nagar"),
        ("Kashi", "varanasi"),
        ("बनारस", "varanasi"),
        ("Lakhnau", "lucknow"),
        ("Rae Bareli", "raebareli"),
        ("Maunath Bhanjan", "mau"),
        ("Kheri", "lakhimpur_kheri"),
        ("Kanshiram Nagar", "kasganj"),
        ("Jyotiba Phule Nagar", "amroha"),
        ("Panchsheel Nagar", "hapur"),
        ("Prabuddh Nagar", "shamli"),
        ("Chhatrapati Shahuji Maharaj Nagar", "amethi"),
        ("gaziabad", "ghaziabad"),
        ("Prayāgrāj", "prayagraj"),
        ("gautam_buddha_nagar", "gautam_buddha_nagar"),
        # Devanagari spelling variants: nukta, chandrabindu, half-nasal, spaces
        ("मुज़फ़्फ़रनगर", "muzaffarnagar"),
        ("मुजफ्फर नगर", "muzaffarnagar"),
        ("सम्भल", "sambhal"),
        ("कौशांबी", "kaushambi"),
        ("बदायूं", "budaun"),
        ("झाँसी", "jhansi"),
        ("झांसी", "jhansi"),
        ("शाहजहाँपुर", "shahjahanpur"),
        ("गौतमबुद्धनगर", "gautam_buddha_nagar"),
        ("फि\u200dरोजाबाद", "firozabad"),
        # filler words
        ("Agra district", "agra"),
        ("जिला आगरा", "agra"),
        ("जनपद लखनऊ", "lucknow"),
        ("Meerut, U.P.", "meerut"),
    ],
)
def test_match_district_finds_right_district_first(text: str, code: str) -> None:
    assert _top(text) == code


@pytest.mark.parametrize(
    "text", ["Kanpur", "Allahabad", "Noida", "firozabad", "फ़िरोज़ाबाद", "Kanpur Dehat"]
)
def test_exact_match_returns_one_district(text: str) -> None:
    assert len(ref.match_district(text)) == 1


@pytest.mark.parametrize(
    "text", ["hello", "xyz", "🙂", "", "   ", "?!", "ab", "Mumbai", "नमस्ते", "/start",
             "Uttar Pradesh"]
)
def test_nonsense_returns_empty(text: str) -> None:
    assert ref.match_district(text) == []


def test_fuzzy_results_respect_limit_and_have_no_duplicates() -> None:
    for text in ("firozbad", "bareli", "nagar", "pur"):
        found = ref.match_district(text, limit=2)
        assert len(found) <= 2
        assert len({d.code for d in found}) == len(found)
    assert ref.match_district("firozbad", limit=0) == []


def test_matching_is_fast() -> None:
    ref.match_district("warmup")
    start = time.perf_counter()
    for _ in range(20):
        for text in ("firozbad", "lukhnow", "फिरोजबाद", "hello", "Kanpur"):
            ref.match_district(text)
    assert time.perf_counter() - start < 1.0


# ------------------------------------------------------------------ load errors


DISTRICT_HEADER = "code,name_en,name_hi,aliases,confidence,sources,button_en,button_hi\n"
CRAFT_HEADER = "key,name_en,name_hi,gi_hint,source,button_en,button_hi\n"
ODOP_HEADER = ("district_code,product_en,product_hi,craft_key,primary,confidence,sources,"
               "button_en,button_hi\n")


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_duplicate_district_code_names_file_and_line(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "districts.csv",
        DISTRICT_HEADER + "agra,Agra,आगरा,,C,A,,\nagra,Agra,आगरा,,C,A,,\n",
    )
    with pytest.raises(ref.ReferenceDataError, match=r"districts\.csv line 3: duplicate code"):
        ref.load_districts(path)


def test_missing_column_names_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "districts.csv",
                  DISTRICT_HEADER + "agra,Agra,आगरा,,C,A,,\nmau,Mau,मऊ\n")
    with pytest.raises(ref.ReferenceDataError, match=r"districts\.csv line 3: missing column"):
        ref.load_districts(path)


def test_wrong_header_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, "crafts.csv", "key,name\nglass,Glass\n")
    with pytest.raises(ref.ReferenceDataError, match=r"crafts\.csv line 1: header"):
        ref.load_crafts(path)


def test_a_name_too_long_for_a_button_needs_its_short_form(tmp_path: Path) -> None:
    """Issue 19: a name over 20 characters (18 for an ODOP product, behind "⭐ ") is
    refused at load unless button_en / button_hi give the short form, which must fit."""
    long = "glass,Glassware & glass art,कांच के सामान,,facts.md §1"
    with pytest.raises(ref.ReferenceDataError, match=r"crafts\.csv line 2: button_en needed"):
        ref.load_crafts(_write(tmp_path, "crafts.csv", CRAFT_HEADER + long + ",,\n"))
    (craft,) = ref.load_crafts(_write(tmp_path, "crafts.csv",
                                      CRAFT_HEADER + long + ",Glassware,\n"))
    assert craft.button("en") == "Glassware" and craft.button("hi") == "कांच के सामान"
    assert craft.name("en") == "Glassware & glass art"  # sentences keep the full name
    with pytest.raises(ref.ReferenceDataError, match=r"button_en needed"):
        ref.load_crafts(_write(tmp_path, "crafts.csv",
                               CRAFT_HEADER + long + ",Glassware and glass art,\n"))
    odop = "agra,Decorative products,सजावटी सामान,glassware,yes,C,A,,\n"  # 19 > 18
    with pytest.raises(ref.ReferenceDataError, match=r"button_en needed"):
        ref.load_odop_products(_write(tmp_path, "odop_products.csv", ODOP_HEADER + odop),
                               district_codes=["agra"], craft_keys=["glassware"])


def test_empty_required_field_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, "crafts.csv", CRAFT_HEADER + "glass,Glass,,,facts.md §1,,\n")
    with pytest.raises(ref.ReferenceDataError, match=r"crafts\.csv line 2: empty name_hi"):
        ref.load_crafts(path)


def test_unknown_craft_key_names_file_and_line(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "odop_products.csv",
        ODOP_HEADER + "agra,Leather,चमड़ा,leather_goods,yes,C,A,,\n"
        "agra,Rockets,रॉकेट,rockets,no,C,A,,\n",
    )
    with pytest.raises(ref.ReferenceDataError,
                       match=r"odop_products\.csv line 3: unknown craft_key"):
        ref.load_odop_products(path, district_codes=["agra"], craft_keys=["leather_goods"])


def test_unknown_district_code_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, "odop_products.csv",
                  ODOP_HEADER + "atlantis,Leather,चमड़ा,leather_goods,yes,C,A,,\n")
    with pytest.raises(ref.ReferenceDataError, match=r"line 2: unknown district_code"):
        ref.load_odop_products(path, district_codes=["agra"], craft_keys=["leather_goods"])


def test_bad_primary_flag_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, "odop_products.csv",
                  ODOP_HEADER + "agra,Leather,चमड़ा,leather_goods,maybe,C,A,,\n")
    with pytest.raises(ref.ReferenceDataError, match=r"line 2: primary must be yes or no"):
        ref.load_odop_products(path, district_codes=["agra"], craft_keys=["leather_goods"])


# ------------------------------------------------------------------ GI list (audit 2026-11)

def test_gi_list_has_the_audited_additions() -> None:
    from bot.reference.gi import gi_for, gi_products

    names = {g.name for g in gi_products()}
    for name in ("Mirzapur Handmade Dari", "Banaras Metal Repoussé Craft",
                 "Varanasi Soft Stone Jali Work", "Varanasi Glass Beads", "Banaras Zardozi",
                 "Banaras Hand Block Print", "Banaras Wood Carving", "Mathura Sanjhi Craft",
                 "Banaras Tabla", "Banaras Shehnai"):
        assert name in names, name
    assert "Banaras Tabla and Shehnai" not in names
    assert all(g.as_of and g.source and g.confidence in "CLU" for g in gi_products())
    # The audit's effect: these crafts now get the GI hint.
    assert gi_for("mirzapur", "carpets_durries", "durrie").name == "Mirzapur Handmade Dari"
    assert gi_for("mirzapur", "carpets_durries", "carpet_handmade").name == \
        "Handmade Carpet of Bhadohi"
    assert gi_for("varanasi", "zari_zardozi", "zardozi_article").name == "Banaras Zardozi"
    assert gi_for("varanasi", "wood_craft", "wooden_handicraft").name == "Banaras Wood Carving"
    assert gi_for("varanasi", "textile_printing", "block_print_fabric").name == \
        "Banaras Hand Block Print"
    assert gi_for("varanasi", "musical_instruments", "dholak").name == "Banaras Tabla"
    assert gi_for("varanasi", "musical_instruments", "shehnai").name == "Banaras Shehnai"
    assert gi_for("varanasi", "musical_instruments", "bansuri") is None
    assert gi_for("mathura", "decor_gifts", "handcrafted_candle") is None


def test_gi_rows_of_the_december_audit() -> None:
    """Issue 18 item 11 (audit 2026-12 S4): Ghazipur Wall Hanging and Chunar Balua Patthar
    [ht20v] L, Banaras Mural Painting [sak24] C; Azamgarh for Banaras Brocades and Sarees
    is unconfirmed (no source names the sixth district) and marked U."""
    from bot.reference.gi import gi_for, gi_products

    assert gi_for("ghazipur", "natural_fibre", "jute_wall_hanging").name == \
        "Ghazipur Wall Hanging"
    assert gi_for("mirzapur", "stone_craft", "carved_stone").name == "Chunar Balua Patthar"
    mural = next(g for g in gi_products() if g.name == "Banaras Mural Painting")
    assert mural.confidence == "C" and not mural.craft_keys  # no painting category to offer
    azamgarh = gi_for("azamgarh", "silk_sarees_handloom", "silk_saree")
    assert azamgarh.name == "Banaras Brocades and Sarees" and azamgarh.confidence == "U"
    assert gi_for("varanasi", "silk_sarees_handloom", "silk_saree").confidence == "C"
