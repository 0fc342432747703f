"""The craft glossary (bot/reference/data/glossary.csv) and Hindi/Hinglish -> English listing words.

Decisions pinned here: मूर्ति is "Idol" (प्रतिमा is "Statue"); लकड़ी is "Wooden" (a
title says "Wooden Toy"; "Mango Wood"/"Sheesham Wood" are their own entries); दरी is
"Durrie"; चूड़ी is "Bangles" (sold in sets); झोला is "Bag".
"""

from __future__ import annotations

import csv
import random
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from bot.reference import glossary
from bot.reference.districts import CRAFTS_CSV
from bot.reference.glossary import (
    GLOSSARY_CSV,
    KINDS,
    GlossaryError,
    Translation,
    entries,
    find,
    load,
    lookup,
    to_english,
    transliterate,
)

DEVANAGARI = re.compile("[\u0900-\u097f\ua8e0-\ua8ff\u1cd0-\u1cff]")
HEADER = "english,hindi,variants,kind,source\n"


# ------------------------------------------------------------------------ the data


def test_file_has_enough_entries_of_every_kind() -> None:
    counts = Counter(e.kind for e in entries())
    assert sum(counts.values()) >= 320
    assert set(counts) == set(KINDS)
    assert counts["product"] >= 120
    assert counts["material"] >= 40
    assert counts["colour"] >= 20
    assert counts["technique"] >= 40
    assert counts["descriptor"] >= 40


def test_header_and_utf8() -> None:
    raw = GLOSSARY_CSV.read_bytes()
    raw.decode("utf-8")
    assert raw.startswith(HEADER.encode())


def test_english_side_is_latin_and_hindi_side_is_devanagari() -> None:
    for e in entries():
        assert not DEVANAGARI.search(e.english), e
        assert e.english == e.english.strip() and e.english, e
        assert DEVANAGARI.search(e.hindi), e
        assert e.source, e


def test_sources_cite_facts_or_common_usage() -> None:
    for e in entries():
        for source in e.source.split(";"):
            assert source in ("common usage", "facts.md §1", "facts.md §2"), e
    odop_terms = {"Chikankari", "Zardozi", "Durrie", "Carpet", "Attar", "Dholak", "Flute",
                  "Black Pottery", "Terracotta", "Tarkashi", "Meenakari", "Handloom", "Lock"}
    for e in entries():
        if e.english in odop_terms:
            assert "facts.md" in e.source, e


def test_every_spelling_looks_up_to_its_own_english() -> None:
    for e in entries():
        for spelling in (e.english, e.hindi, *e.variants):
            assert lookup(spelling) == e.english, (spelling, e)


def test_one_entry_per_english_and_kind() -> None:
    pairs = Counter((e.english, e.kind) for e in entries())
    assert [p for p, n in pairs.items() if n > 1] == []


@pytest.mark.parametrize(
    ("term", "english"),
    [
        # colours
        ("लाल", "Red"), ("हरा", "Green"), ("नीला", "Blue"), ("पीला", "Yellow"),
        ("सफ़ेद", "White"), ("सफेद", "White"), ("काला", "Black"), ("गुलाबी", "Pink"),
        ("नारंगी", "Orange"), ("केसरिया", "Saffron"), ("बैंगनी", "Purple"), ("भूरा", "Brown"),
        ("सुनहरा", "Golden"), ("चाँदी", "Silver"), ("मैरून", "Maroon"), ("क्रीम", "Cream"),
        ("आसमानी", "Sky Blue"),
        # materials
        ("पीतल", "Brass"), ("तांबा", "Copper"), ("कांसा", "Bronze"), ("white metal", "White Metal"),
        ("लोहा", "Iron"), ("एल्युमिनियम", "Aluminium"), ("कांच", "Glass"), ("मिट्टी", "Clay"),
        ("टेराकोटा", "Terracotta"), ("सिरेमिक", "Ceramic"), ("पत्थर", "Stone"),
        ("संगमरमर", "Marble"), ("शीशम", "Sheesham Wood"), ("आम की लकड़ी", "Mango Wood"),
        ("सागौन", "Teak Wood"), ("सींग", "Horn"), ("हड्डी", "Bone"), ("चमड़ा", "Leather"),
        ("सूती", "Cotton"), ("रेशम", "Silk"), ("ऊन", "Wool"), ("जूट", "Jute"),
        ("मूंज", "Moonj Grass"), ("बांस", "Bamboo"), ("बेंत", "Cane"),
        ("केले का रेशा", "Banana Fibre"), ("कागज़", "Paper"), ("लकड़ी", "Wooden"),
        # products
        ("दीया", "Diya"), ("लैंप", "Lamp"), ("फूलदान", "Vase"), ("कटोरी", "Bowl"),
        ("थाली", "Plate"), ("गिलास", "Tumbler"), ("चूड़ी", "Bangles"), ("कुर्ता", "Kurta"),
        ("साड़ी", "Saree"), ("दुपट्टा", "Dupatta"), ("स्टोल", "Stole"), ("शॉल", "Shawl"),
        ("दरी", "Durrie"), ("dhurrie", "Durrie"), ("कालीन", "Carpet"), ("गलीचा", "Rug"),
        ("कुशन कवर", "Cushion Cover"), ("चादर", "Bedsheet"), ("दीवार सज्जा", "Wall Hanging"),
        ("मूर्ति", "Idol"), ("प्रतिमा", "Statue"), ("figurine", "Figurine"),
        ("डिब्बा", "Box"), ("ट्रे", "Tray"), ("खिलौना", "Toy"), ("बांसुरी", "Flute"),
        ("ढोलक", "Dholak"), ("तबला", "Tabla"), ("ताला", "Lock"), ("चाबी", "Key"),
        ("थैला", "Bag"), ("झोला", "Bag"), ("पर्स", "Purse"), ("वॉलेट", "Wallet"),
        ("बेल्ट", "Belt"), ("जूते", "Shoes"), ("जूती", "Jutti"), ("इत्र", "Attar"),
        ("अगरबत्ती", "Agarbatti"), ("गुड़", "Jaggery"), ("चावल", "Rice"), ("अचार", "Pickle"),
        ("टोकरी", "Basket"), ("चटाई", "Mat"), ("मिट्टी के बर्तन", "Pottery"),
        ("काली मिट्टी के बर्तन", "Black Pottery"),
        # techniques
        ("चिकनकारी", "Chikankari"), ("ज़रदोज़ी", "Zardozi"), ("ज़री", "Zari"),
        ("ब्लॉक प्रिंट", "Block Print"), ("hand painted", "Hand-Painted"),
        ("हाथ की नक्काशी", "Hand-Carved"), ("पच्चीकारी", "Inlay"), ("मीनाकारी", "Meenakari"),
        ("तारकशी", "Tarkashi"), ("embossed", "Embossed"), ("engraved", "Engraved"),
        ("हाथ से बुना", "Hand-Woven"), ("हथकरघा", "Handloom"), ("hand knotted", "Hand-Knotted"),
        ("हाथ की कढ़ाई", "Hand-Embroidered"), ("हाथ से बना", "Handmade"),
        ("पॉलिश", "Polished"), ("lacquered", "Lacquered"),
        # descriptors
        ("बड़ा", "Large"), ("छोटा", "Small"), ("सेट", "Set"), ("जोड़ी", "Pair"),
        ("पारंपरिक", "Traditional"), ("सजावटी", "Decorative"),
    ],
)
def test_required_terms(term: str, english: str) -> None:
    assert lookup(term) == english


@pytest.mark.parametrize(
    ("term", "english"),
    [
        ("दिया", "Diya"), ("diya", "Diya"), ("deeya", "Diya"), ("diyaa", "Diya"),
        ("चूड़ियाँ", "Bangles"), ("चुड़ी", "Bangles"), ("chudi", "Bangles"), ("choodi", "Bangles"),
        ("chudiyan", "Bangles"), ("churi", "Bangles"), ("peetal", "Brass"), ("pital", "Brass"),
        ("kaanch", "Glass"), ("chikan", "Chikankari"), ("murti", "Idol"), ("jhola", "Bag"),
    ],
)
def test_hinglish_and_spelling_variants(term: str, english: str) -> None:
    assert lookup(term) == english


def _craft_keys() -> list[str]:
    with CRAFTS_CSV.open(encoding="utf-8") as fh:
        return [row["key"] for row in csv.DictReader(fh)]


# One product or technique term per ODOP craft of bot/reference/data/crafts.csv.
CRAFT_TERMS = {
    "glassware": "कांच के सामान", "brass_metal_craft": "पीतल के बर्तन",
    "locks_hardware": "ताला", "engineering_goods": "इंजीनियरिंग उत्पाद",
    "carpets_durries": "दरी", "chikankari_embroidery": "चिकनकारी",
    "zari_zardozi": "ज़रदोज़ी", "patchwork_applique": "पैचवर्क",
    "silk_sarees_handloom": "साड़ी", "handloom_textiles": "हथकरघा",
    "home_furnishing": "होम फर्निशिंग", "textile_printing": "ब्लॉक प्रिंट",
    "readymade_garments": "रेडीमेड वस्त्र", "wood_craft": "काष्ठ शिल्प",
    "wooden_toys": "खिलौने", "terracotta_pottery": "मिट्टी के बर्तन",
    "black_pottery": "काली मिट्टी के बर्तन", "stone_craft": "पत्थर शिल्प",
    "horn_bone": "सींग शिल्प", "leather_goods": "चमड़े का सामान", "footwear": "जूते-चप्पल",
    "perfume_attar": "इत्र", "incense": "अगरबत्ती", "food_processing": "हींग",
    "jaggery": "गुड़", "rice": "काला नमक चावल", "moonj_grass_bamboo": "मूंज शिल्प",
    "natural_fibre": "दीवार सज्जा", "musical_instruments": "ढोलक",
    "handmade_paper": "हस्तनिर्मित कागज़", "sports_goods": "खेल का सामान",
    "toys": "मुलायम खिलौने", "jewellery_bindi": "बिंदी", "tribal_craft": "थारू कढ़ाई",
    "poshak_religious": "पोशाक", "decor_gifts": "शोपीस",
}


def test_every_odop_craft_has_a_product_or_technique_term() -> None:
    keys = [k for k in _craft_keys() if k != "other"]
    assert sorted(set(keys) - set(CRAFT_TERMS)) == [], "add a glossary term for new crafts"
    for key in keys:
        entry = find(CRAFT_TERMS[key])
        assert entry is not None, key
        assert entry.kind in ("product", "technique"), (key, entry)


# ------------------------------------------------------------------------ translating


@pytest.mark.parametrize(
    ("source", "english"),
    [
        ("पीतल का दीया", "Brass Diya"),
        ("कांच की चूड़ियाँ", "Glass Bangles"),
        ("लाल रेशमी साड़ी", "Red Silk Saree"),
        ("हाथ से बना लकड़ी का खिलौना", "Handmade Wooden Toy"),
        ("chikan kurta", "Chikankari Kurta"),
        ("peetal ki murti", "Brass Idol"),
        ("Brass दीया set of 2", "Brass Diya Set of 2"),
        ("kaanch ki chudiyan", "Glass Bangles"),
        ("पीतल दीया", "Brass Diya"),
        ("हाथ का बना", "Handmade"),
        ("hath se bana kurta", "Handmade Kurta"),
        ("काली मिट्टी के बर्तन", "Black Pottery"),
        ("शीशम की लकड़ी का डिब्बा", "Sheesham Wood Box"),
        ("लाल रंग की साड़ी", "Red Saree"),
        ("भदोही का हाथ से बुना ऊनी कालीन", "Bhadohi Hand-Woven Woollen Carpet"),
        ("peetal ki ganesh ji ki murti 6 inch", "Brass Ganesha Idol 6 Inch"),
        ("ठाकुर जी की पोशाक और मुकुट", "Thakur Ji Poshak and Crown"),
        ("हाथ की कढ़ाई वाला कुशन कवर 16x16", "Hand-Embroidered Cushion Cover 16x16"),
        ("गुड़ 1 किलो", "Jaggery 1 Kg"),
        ("काला नमक चावल", "Kalanamak Rice"),
        ("काला नमक", "Black Salt"),
        ("sheesham wood box with mirror work", "Sheesham Wood Box with Mirror Work"),
        ("हस्तनिर्मित हाथ से बना दीया", "Handmade Diya"),
    ],
)
def test_to_english(source: str, english: str) -> None:
    assert to_english(source).text == english


def test_unknown_devanagari_is_transliterated_and_reported() -> None:
    result = to_english("सुनीता का झोला")
    assert result == Translation("Sunita Bag", ("सुनीता",))
    # A district's name is known: its own English name, not a guess.
    assert to_english("फ़िरोज़ाबाद की चूड़ियाँ फ़िरोज़ाबाद") == Translation(
        "Firozabad Bangles Firozabad", ())


def test_known_words_are_not_reported() -> None:
    assert to_english("पीतल का दीया").unknown == ()
    assert to_english("kannauj ka asli itr 10 ml") == Translation("kannauj Genuine Attar 10 ml", (),
                                                                         ("kannauj",))


def test_latin_words_not_in_the_glossary_are_kept_as_typed() -> None:
    assert to_english("Prayāgrāj brass 10x12 5.5cm").text == "Prayāgrāj Brass 10x12 5.5cm"
    assert to_english("hand spun cotton").text == "Hand spun Cotton"  # not "Spoon"


def test_digits_become_ascii() -> None:
    assert to_english("१२ दीये").text == "12 Diya"
    assert to_english("५.५ इंच का कटोरा").text == "5.5 Inch Bowl"
    assert to_english("२०सेमी").text == "20 cm"


def test_conjunctions_only_between_words() -> None:
    assert to_english("ताले और चाबी").text == "Lock and Key"
    assert to_english("लाल या नीला").text == "Red or Blue"
    assert to_english("और लाल और").text == "Red"
    assert to_english("लाल और और नीला").text == "Red and Blue"
    assert to_english("Lock & Key").text == "Lock and Key"


def test_set_of_n() -> None:
    assert to_english("4 का सेट").text == "Set of 4"
    assert to_english("दो का सेट").text == "Set of 2"
    assert to_english("सेट 4").text == "Set 4"


def test_forgiving_spellings() -> None:
    assert to_english("चुडीयां").text == "Bangles"  # vowel length and nasal ignored
    assert to_english("choodiyaan").text == "Bangles"
    # Short words are not matched loosely: हरि (a name) is not हरी (green).
    assert to_english("हरि").unknown == ("हरि",)


@pytest.mark.parametrize(
    ("spelling", "same_as"),
    [
        ("फिरोजी", "फ़िरोज़ी"),  # nukta
        ("चांदी", "चाँदी"),  # chandrabindu / anusvara
        ("पी\u200dतल", "पीतल"),  # zero-width joiner
        ("  BRASS!! ", "brass"),  # case and punctuation
        ("कम्बल", "कंबल"),  # half nasal
        ("लकडी", "लकड़ी"),  # ड़ matches ड
        ("appliqué", "applique"),  # accents
    ],
)
def test_lookup_normalises(spelling: str, same_as: str) -> None:
    assert lookup(same_as) is not None
    assert lookup(spelling) == lookup(same_as)


def test_lookup_misses() -> None:
    assert lookup("") is None
    assert lookup("का") is None
    assert lookup("xyzzy") is None
    assert lookup("पीतल का दीया") is None  # a phrase, not a glossary spelling


def test_empty_and_odd_input() -> None:
    assert to_english("") == Translation("", ())
    assert to_english("  ,;!  ") == Translation("", ())
    assert to_english("سلام दीया") == Translation("Diya", ("سلام",))  # unsupported script left out


@pytest.mark.parametrize(
    ("word", "latin"),
    [
        ("सुनीता", "Sunita"), ("फ़िरोज़ाबाद", "Firozabad"), ("चिकनकारी", "Chikankari"),
        ("कमल", "Kamal"), ("रामपुर", "Rampur"), ("कमला", "Kamla"), ("सहारनपुर", "Saharanpur"),
        ("गोरखपुर", "Gorakhpur"), ("प्रतापगढ़", "Pratapgarh"), ("हथकरघा", "Hathkargha"),
        ("संभल", "Sambhal"), ("सिंह", "Singh"), ("कृष्ण", "Krishna"), ("मिश्र", "Mishra"),
        ("दोस्त", "Dost"), ("ज्ञान", "Gyan"), ("मुज़फ्फरनगर", "Muzaffarnagar"),
        ("आगरा", "Agra"), ("अमरोहा", "Amroha"), ("चूड़ियाँ", "Churiyan"), ("ॐ", "Om"),
        ("न", "Na"), ("२०२४", "2024"), ("abc", "abc"), ("सुनीता देवी", "Sunita Devi"),
    ],
)
def test_transliterate(word: str, latin: str) -> None:
    assert transliterate(word) == latin


def test_never_any_devanagari() -> None:
    rng = random.Random(20240416)
    consonants = [chr(c) for c in range(0x0915, 0x093A)] + [chr(c) for c in range(0x0958, 0x0960)]
    signs = [chr(c) for c in range(0x093A, 0x0950)] + ["\u0901", "\u0902", "\u0903", ""]
    oddities = ["\u0964", "\u0965", "\u0970", "\u093d", "\u0950", "\u0972", "\ua8f2", "\u1cd0",
                "\u094d", "\u093c", "\u200d", "\u200c", "०", "९", "ॅ"]
    words = [s for e in entries() for s in (e.hindi, *e.variants, e.english)]

    def syllables() -> str:
        return "".join(rng.choice(consonants) + rng.choice(signs)
                       for _ in range(rng.randint(1, 4)))

    for _ in range(200):
        parts = [rng.choice(words) for _ in range(rng.randint(0, 4))]
        parts += [syllables() for _ in range(rng.randint(1, 3))]
        parts += [rng.choice(oddities) for _ in range(rng.randint(0, 2))]
        rng.shuffle(parts)
        text = rng.choice([" ", "", "-", " का ", ", "]).join(parts)
        result = to_english(text)
        assert not DEVANAGARI.search(result.text), (text, result)
        assert result.text == " ".join(result.text.split()), (text, result)
        assert not DEVANAGARI.search(transliterate(text)), text
        typed = unicodedata.normalize("NFC", text).replace("\u200d", "").replace("\u200c", "")
        for word in result.unknown:
            assert word in typed  # as typed, in NFC and without zero-width joiners


# ------------------------------------------------------------------------ loading


def _write(tmp_path: Path, body: str, header: str = HEADER) -> Path:
    path = tmp_path / "glossary.csv"
    path.write_text(header + body, encoding="utf-8")
    return path


GOOD = "Brass,पीतल,peetal;pital,material,facts.md §1\nDiya,दीया,दिया;diya,product,common usage\n"


def test_loads_a_small_file(tmp_path: Path) -> None:
    g = load(_write(tmp_path, GOOD))
    assert [e.english for e in g.entries] == ["Brass", "Diya"]
    assert g.entries[1].line == 3


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("Brass,पीतल,peetal,material\n", 2, "missing"),
        ("Brass,पीतल,peetal,material,src,extra\n", 2, "too many fields"),
        (GOOD + "Lamp,लैंप,,thing,common usage\n", 4, "kind"),
        ("पीतल,पीतल,,material,common usage\n", 2, "Devanagari"),
        ("Brass,brass,,material,common usage\n", 2, "Devanagari"),
        ("Brass,पीतल,peetal;;pital,material,common usage\n", 2, "empty variant"),
        ("Brass,पीतल,,material,\n", 2, "empty source"),
        ("Brass,पीतल,का,material,common usage\n", 2, "grammar"),
        ("Brass,पीतल,a b c d e,material,common usage\n", 2, "longer than 4"),
        (GOOD + "Copper,तांबा,pital,material,common usage\n", 4, "'Brass' on line 2"),
        (GOOD + "Lamp,दिया,,product,common usage\n", 4, "'Diya' on line 3"),
    ],
)
def test_malformed_rows_name_file_and_line(
    tmp_path: Path, body: str, line: int, message: str
) -> None:
    with pytest.raises(GlossaryError) as caught:
        load(_write(tmp_path, body))
    assert f"glossary.csv line {line}" in str(caught.value)
    assert message in str(caught.value)


def test_bad_header_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="glossary.csv line 1: header"):
        load(_write(tmp_path, GOOD, header="english,hindi,kind\n"))
    with pytest.raises(GlossaryError, match="cannot read"):
        load(tmp_path / "missing.csv")


def test_same_spelling_for_the_same_english_is_fine(tmp_path: Path) -> None:
    body = (GOOD + "Silver,चांदी,silver,material,common usage\n"
            "Silver,सिल्वर,silver,colour,common usage\n")
    assert len(load(_write(tmp_path, body)).entries) == 4


def test_ambiguous_loose_spellings_are_not_used(tmp_path: Path) -> None:
    # "chuudi" and "choodi" fold to the same loose key but mean different things here.
    body = "Bangles,चूड़ी,choodi,product,common usage\nOther,अन्य,chuudi,product,common usage\n"
    g = load(_write(tmp_path, body))
    assert ("chudi",) not in g.loose


def test_loaded_once() -> None:
    assert entries() is entries()
    assert glossary._shipped.cache_info().misses <= 1


def test_a_districts_words_come_first_and_only_inside_extra() -> None:
    """A district's reviewed word (``bot.listing.glossary_terms``) is used inside
    ``glossary.extra`` only, before the shipped glossary; the shipped one is not changed."""
    word = glossary.Entry("Shimmering", "झिलमिल", (), "descriptor", "district:firozabad", -1)
    red = glossary.Entry("Crimson", "लाल", (), "colour", "district:firozabad", -2)
    assert glossary.to_english("झिलमिल चूड़ी").unknown == ("झिलमिल",)
    with glossary.extra((word, red)):
        assert glossary.to_english("झिलमिल चूड़ी").text == "Shimmering Bangles"
        assert glossary.lookup("लाल") == "Crimson"  # the district's word first
        assert glossary.extra_key() == (word, red)
    assert glossary.lookup("लाल") == "Red" and glossary.extra_key() == ()
    assert glossary.to_english("झिलमिल चूड़ी").unknown == ("झिलमिल",)
