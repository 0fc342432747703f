"""Reference data: UP districts, craft categories and ODOP products (``bot/reference/data/*.csv``).

The CSVs are read once per process and checked strictly, so a bad edit fails at start-up
with the file and line instead of showing a broken button to an artisan later.
District matching is forgiving: people type Hinglish spellings, old names (Allahabad),
towns (Noida) and Devanagari with or without nukta.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path

from bot.reference.rows import (
    BUTTON_LIMIT,
    STAR,
    ReferenceDataError,
    check_buttons,
    check_confidence,
    check_slug,
    fail,
    read_csv_rows,
    short_name,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
DISTRICTS_CSV = DATA_DIR / "districts.csv"
CRAFTS_CSV = DATA_DIR / "crafts.csv"
ODOP_CSV = DATA_DIR / "odop_products.csv"

OTHER_CRAFT = "other"
FUZZY_CUTOFF = 0.75
# Fuzzy matching two-letter input would hit half the state; exact matches still work.
_MIN_FUZZY_LEN = 3
_PRIMARY = {"yes": True, "no": False}


# --------------------------------------------------------------------------- models


def _is_hindi(locale: str) -> bool:
    # Accept "hi", "hi-IN", "hi_IN" alike: Telegram sends language_code in several forms.
    return locale.lower().replace("_", "-").split("-")[0] == "hi"


class _Named:
    """A name in English and Hindi (``name_en``, ``name_hi``), shown in the reader's, with a
    short form for a button (``button_en``, ``button_hi``) where the name is too long."""

    name_en: str
    name_hi: str
    button_en: str
    button_hi: str

    def name(self, locale: str) -> str:
        return self.name_hi if _is_hindi(locale) else self.name_en

    def button(self, locale: str) -> str:
        return short_name(self.name(locale), self.button_hi if _is_hindi(locale)
                          else self.button_en)


@dataclass(frozen=True)
class District(_Named):
    code: str
    name_en: str
    name_hi: str
    aliases: tuple[str, ...]
    button_en: str = ""  # a short form for a button, where the name is too long for one
    button_hi: str = ""


@dataclass(frozen=True)
class Craft(_Named):
    key: str
    name_en: str
    name_hi: str
    gi_hint: str
    button_en: str = ""  # a short form for a button, where the name is too long for one
    button_hi: str = ""


@dataclass(frozen=True)
class OdopProduct:
    district_code: str
    product_en: str
    product_hi: str
    craft_key: str
    primary: bool
    button_en: str = ""
    button_hi: str = ""

    def name(self, locale: str) -> str:
        return self.product_hi if _is_hindi(locale) else self.product_en

    def button(self, locale: str) -> str:
        """The name on a button: shorter by the "⭐ " that marks the district's own craft."""
        return short_name(self.name(locale), self.button_hi if _is_hindi(locale)
                          else self.button_en)


# --------------------------------------------------------------------- normalising

# Precomposed nukta letters (NFC keeps ऩ ऱ ऴ composed; U+0958–U+095F decompose anyway).
# Also the glossary's search-key folding (bot/reference/glossary.py).
DEVANAGARI_FOLD = str.maketrans(
    {
        "\u0958": "क", "\u0959": "ख", "\u095a": "ग", "\u095b": "ज",  # क़ ख़ ग़ ज़
        "\u095c": "ड", "\u095d": "ढ", "\u095e": "फ", "\u095f": "य",  # ड़ ढ़ फ़ य़
        "\u0929": "न", "\u0931": "र", "\u0934": "ळ",  # ऩ ऱ ऴ
        "\u093c": None,  # nukta sign
        "\u0901": "\u0902",  # chandrabindu -> anusvara
        "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None,
    }
)
# A nasal consonant + virama before a stop is spelt with anusvara just as often
# (सम्भल / संभल, कौशाम्बी / कौशांबी), so both spellings fold to the anusvara one.
_HALF_NASAL = re.compile("[ङञणनम]\u094d(?=[क-म])")
_FILLER_WORDS = frozenset(
    {
        "district", "distt", "dist", "zila", "zilla", "jila", "jilla", "janpad",
        "जिला", "जिल्ला", "जनपद", "up", "uttar", "pradesh", "उत्तर", "प्रदेश",
    }
)


def _is_devanagari(text: str) -> bool:
    return any("\u0900" <= ch <= "\u097f" for ch in text)


def _fold_latin(ch: str) -> str:
    # "Prayāgrāj" -> "prayagraj"; Devanagari vowel signs are marks too, so only
    # strip marks from Latin letters.
    if ch.isascii() or "LATIN" not in unicodedata.name(ch, ""):
        return ch
    return "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))


def _tokens(text: str) -> list[str]:
    """Lowercase words with nukta, chandrabindu and accents folded away."""
    text = unicodedata.normalize("NFC", text).translate(DEVANAGARI_FOLD).casefold()
    text = _HALF_NASAL.sub("\u0902", "".join(_fold_latin(ch) for ch in text))
    words: list[str] = []
    current: list[str] = []
    for ch in text:
        # Letters, marks (matras, virama) and digits make words; the rest separates them.
        if unicodedata.category(ch)[0] in "LMN":
            current.append(ch)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


def normalise(text: str) -> str:
    """The comparison key: folded letters with spaces, punctuation and emoji removed."""
    return "".join(_tokens(text))


def _query_keys(text: str) -> list[str]:
    """The input as typed, then without filler words such as "district" or "जिला"."""
    words = _tokens(text)
    keys = ["".join(words), "".join(w for w in words if w not in _FILLER_WORDS)]
    return [k for i, k in enumerate(keys) if k and k not in keys[:i]]


# ------------------------------------------------------------------------ loading


def _split_aliases(value: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in value.split(";") if a.strip())


def load_districts(path: Path = DISTRICTS_CSV) -> tuple[District, ...]:
    columns = ("code", "name_en", "name_hi", "aliases", "confidence", "sources", "button_en",
               "button_hi")
    seen: set[str] = set()
    result: list[District] = []
    optional = frozenset({"aliases", "button_en", "button_hi"})
    for line, row in read_csv_rows(path, columns, optional=optional):
        code = row["code"]
        check_slug(path, line, code)
        check_confidence(path, line, row["confidence"])
        if code in seen:
            raise fail(path, line, f"duplicate code {code!r}")
        if not _is_devanagari(row["name_hi"]):
            raise fail(path, line, f"name_hi {row['name_hi']!r} is not in Devanagari")
        # 18: a picked district in a multi-select carries a tick ("✅ ").
        check_buttons(path, line, row, ("name_en", "name_hi"), BUTTON_LIMIT - len(STAR))
        seen.add(code)
        result.append(District(code, row["name_en"], row["name_hi"],
                               _split_aliases(row["aliases"]), row["button_en"],
                               row["button_hi"]))
    return tuple(sorted(result, key=lambda d: d.name_en))


def load_crafts(path: Path = CRAFTS_CSV) -> tuple[Craft, ...]:
    columns = ("key", "name_en", "name_hi", "gi_hint", "source", "button_en", "button_hi")
    seen: set[str] = set()
    result: list[Craft] = []
    optional = frozenset({"gi_hint", "button_en", "button_hi"})
    for line, row in read_csv_rows(path, columns, optional=optional):
        key = row["key"]
        check_slug(path, line, key)
        if key in seen:
            raise fail(path, line, f"duplicate key {key!r}")
        check_buttons(path, line, row, ("name_en", "name_hi"))
        seen.add(key)
        result.append(Craft(key, row["name_en"], row["name_hi"], row["gi_hint"],
                            row["button_en"], row["button_hi"]))
    # "Other" is the fallback button, so it always comes last whatever the file order.
    return tuple(sorted(result, key=lambda c: c.key == OTHER_CRAFT))


def load_odop_products(
    path: Path = ODOP_CSV,
    district_codes: Iterable[str] | None = None,
    craft_keys: Iterable[str] | None = None,
) -> tuple[OdopProduct, ...]:
    columns = ("district_code", "product_en", "product_hi", "craft_key", "primary",
               "confidence", "sources", "button_en", "button_hi")
    codes = set(district_codes if district_codes is not None
                else (d.code for d in load_districts()))
    keys = set(craft_keys if craft_keys is not None else (c.key for c in load_crafts()))
    result: list[OdopProduct] = []
    for line, row in read_csv_rows(path, columns, frozenset({"button_en", "button_hi"})):
        check_buttons(path, line, row, ("product_en", "product_hi"), BUTTON_LIMIT - len(STAR))
        if row["district_code"] not in codes:
            raise fail(path, line, f"unknown district_code {row['district_code']!r}")
        if row["craft_key"] not in keys:
            raise fail(path, line, f"unknown craft_key {row['craft_key']!r}")
        if row["primary"] not in _PRIMARY:
            raise fail(path, line, f"primary must be yes or no, got {row['primary']!r}")
        check_confidence(path, line, row["confidence"])
        result.append(
            OdopProduct(
                row["district_code"], row["product_en"], row["product_hi"],
                row["craft_key"], _PRIMARY[row["primary"]], row["button_en"], row["button_hi"],
            )
        )
    return tuple(result)


# ---------------------------------------------------------------------- the index


@dataclass(frozen=True)
class _Index:
    districts: tuple[District, ...]
    by_code: dict[str, District]
    exact: dict[str, str]  # normalised name/alias -> district code
    fuzzy_latin: tuple[tuple[str, str], ...]  # (normalised key, code)
    fuzzy_deva: tuple[tuple[str, str], ...]
    crafts: tuple[Craft, ...]
    by_key: dict[str, Craft]
    craft_names: dict[str, str]  # normalised key/name -> craft key
    products: dict[str, tuple[OdopProduct, ...]]


def _district_keys(d: District) -> list[str]:
    names = [d.code, d.name_en, d.name_hi, *d.aliases]
    keys = [normalise(n) for n in names]
    return [k for i, k in enumerate(keys) if k and k not in keys[:i]]


def _exact_index(districts: tuple[District, ...]) -> dict[str, str]:
    exact: dict[str, str] = {}
    for d in districts:
        for key in _district_keys(d):
            other = exact.setdefault(key, d.code)
            # An alias shared by two districts would make "exact" matches arbitrary.
            if other != d.code:
                raise ReferenceDataError(
                    f"{DISTRICTS_CSV.name}: {key!r} names both {other!r} and {d.code!r}"
                )
    return exact


def _craft_index(crafts: tuple[Craft, ...]) -> dict[str, str]:
    names: dict[str, str] = {}
    for c in crafts:
        for n in (c.key, c.name_en, c.name_hi):
            names.setdefault(normalise(n), c.key)
    return names


def _group_products(products: tuple[OdopProduct, ...]) -> dict[str, tuple[OdopProduct, ...]]:
    grouped: dict[str, list[OdopProduct]] = {}
    for p in products:
        grouped.setdefault(p.district_code, []).append(p)
    # sorted() is stable, so non-primary products keep their file order.
    return {code: tuple(sorted(ps, key=lambda p: not p.primary)) for code, ps in grouped.items()}


@cache
def _index() -> _Index:
    districts = load_districts()
    crafts = load_crafts()
    products = load_odop_products(
        district_codes=(d.code for d in districts), craft_keys=(c.key for c in crafts)
    )
    exact = _exact_index(districts)
    return _Index(
        districts=districts,
        by_code={d.code: d for d in districts},
        exact=exact,
        fuzzy_latin=tuple((k, c) for k, c in exact.items() if not _is_devanagari(k)),
        fuzzy_deva=tuple((k, c) for k, c in exact.items() if _is_devanagari(k)),
        crafts=crafts,
        by_key={c.key: c for c in crafts},
        craft_names=_craft_index(crafts),
        products=_group_products(products),
    )


# ------------------------------------------------------------------------ queries


def districts() -> tuple[District, ...]:
    """All 75 districts, sorted by English name."""
    return _index().districts


def district(code: str) -> District | None:
    return _index().by_code.get(code)


def district_named(text: str) -> District | None:
    """The district whose name or alias is exactly ``text`` (no typo tolerance)."""
    index = _index()
    code = index.exact.get(normalise(text))
    return index.by_code[code] if code else None


def _fuzzy_scores(query: str, keys: tuple[tuple[str, str], ...]) -> dict[str, float]:
    """Best difflib ratio per district code for keys that reach the cutoff."""
    best: dict[str, float] = {}
    matcher = SequenceMatcher(autojunk=False)
    matcher.set_seq2(query)  # seq2 is the one difflib caches, so it is the fixed query
    for key, code in keys:
        matcher.set_seq1(key)
        # The cheap upper bounds skip most keys before the real comparison.
        if matcher.real_quick_ratio() < FUZZY_CUTOFF or matcher.quick_ratio() < FUZZY_CUTOFF:
            continue
        ratio = matcher.ratio()
        if ratio >= FUZZY_CUTOFF and ratio > best.get(code, 0.0):
            best[code] = ratio
    return best


def match_district(text: str, limit: int = 3) -> list[District]:
    """Districts the artisan probably meant, best first; [] when nothing is close."""
    index = _index()
    queries = _query_keys(text or "")
    if limit <= 0 or not queries:
        return []
    for query in queries:
        if query in index.exact:
            return [index.by_code[index.exact[query]]]
    scores: dict[str, float] = {}
    for query in queries:
        if len(query) < _MIN_FUZZY_LEN:
            continue
        keys = index.fuzzy_deva if _is_devanagari(query) else index.fuzzy_latin
        for code, ratio in _fuzzy_scores(query, keys).items():
            scores[code] = max(ratio, scores.get(code, 0.0))
    ranked = sorted(scores, key=lambda c: (-scores[c], index.by_code[c].name_en))
    if not ranked:
        return _in_sentence(text, limit)
    return [index.by_code[c] for c in ranked[:limit]]


def _in_sentence(text: str, limit: int) -> list[District]:
    """"मैं फिरोजाबाद से हूँ", "I am from Firozabad": the district named inside a sentence.
    Exact names (one to three words) first, then single words of 5+ letters with typos."""
    words = text.split()
    if len(words) < 2:
        return []
    found: list[District] = []
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            hit = district_named(" ".join(words[i:i + size]))
            if hit is not None and hit not in found:
                found.append(hit)
    if not found:
        for word in words:
            if len(word) >= 5:
                found += [d for d in match_district(word, limit) if d not in found]
    return found[:limit]


def crafts() -> tuple[Craft, ...]:
    """Craft categories in file order, with "other" last."""
    return _index().crafts


def craft(key: str) -> Craft | None:
    return _index().by_key.get(key)


def match_craft(text: str) -> Craft | None:
    """The craft whose key or name equals the text once normalised, else None."""
    key = normalise(text or "")
    found = _index().craft_names.get(key) if key else None
    return _index().by_key[found] if found else None


def odop_products(district_code: str) -> tuple[OdopProduct, ...]:
    """ODOP products of a district, primary first; () for an unknown code."""
    return _index().products.get(district_code, ())
