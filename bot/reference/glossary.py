"""Seller words -> English listing words, from the craft glossary (``bot/reference/data/glossary.csv``).

Artisans describe products in their own words: Devanagari ("पीतल का दीया"), Hinglish
("kaanch ki chudiyan") or a mix ("Brass दीया set of 2"). Marketplace drafts must be in
English, and an English title must never contain Devanagari. ``to_english`` turns such a
description into English listing words:

* Words and phrases of up to four words are looked up in the glossary, longest first, in
  both scripts ("हाथ से बना" -> "Handmade", "chikan" -> "Chikankari").
* Hindi grammar words with no place in an English title (का की के से में है वाला ...) are
  dropped before matching, so "पीतल का दीया" and "पीतल दीया" are both "Brass Diya". The
  modifier-before-noun order of Hindi already matches English titles.
* Devanagari words the glossary does not know are transliterated ("सुनीता" -> "Sunita")
  and reported in ``Translation.unknown`` so the seller can check them.
* Latin words the glossary does not know are kept as typed; numbers become ASCII digits.

Matching is forgiving in the usual ways: nukta, chandrabindu, zero-width joiners, accents,
case and punctuation are ignored, and a second "loose" key also ignores vowel length
(ी/ि, ू/ु, "ee"/"i", "aa"/"a"), nasalisation in Devanagari and w/v in Latin. A loose key
shared by two different English terms is never used.

The CSV is read once per process and checked strictly: a malformed row or a spelling that
would mean two different English terms fails with the file and line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bot.reference import districts
from bot.reference.districts import read_csv_rows

GLOSSARY_CSV = Path(__file__).resolve().parent / "data" / "glossary.csv"
COLUMNS = ("english", "hindi", "variants", "kind", "source")
KINDS = ("product", "material", "colour", "technique", "descriptor")
MAX_PHRASE_WORDS = 4
# Loose keys of single short words collide too easily ("हरि" the name vs "हरी" green).
_MIN_LOOSE_LEN = 4
# Latin spellings derived automatically from Devanagari entries ("पीतल" -> "pital") are
# used only when this long, so short English words do not pick up Hindi meanings.
_MIN_DERIVED_LEN = 5


class GlossaryError(ValueError):
    """The glossary CSV is malformed; the message names the file and line."""


@dataclass(frozen=True)
class Entry:
    english: str
    hindi: str
    variants: tuple[str, ...]
    kind: str
    source: str
    line: int


@dataclass(frozen=True)
class Translation:
    text: str  # English (Latin script only)
    # Source words that were transliterated, not translated (for the seller to check), and
    # words in a script other than Devanagari or Latin, which are left out of ``text``.
    unknown: tuple[str, ...]
    # Latin words the glossary does not know, kept as typed: English, or Hinglish that
    # nothing here can vouch for (``bot.reference.phrases`` decides which).
    kept: tuple[str, ...] = ()


# ------------------------------------------------------------------ characters

_DEVANAGARI_RE = re.compile("[\u0900-\u097f\ua8e0-\ua8ff\u1cd0-\u1cff]")
_DEVANAGARI_RUN = re.compile("[\u0900-\u0963\u0971-\u097f\ua8e0-\ua8ff\u1cd0-\u1cff]+")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_APOSTROPHES = frozenset("'\u2019\u2018`")
_NUMBER_JOINERS = frozenset(".,/")

# सम्भल / संभल: a half nasal before a consonant is written with anusvara just as often.
_HALF_NASAL = re.compile("[ङञणनम]\u094d(?=[क-ह])")
# Loose Devanagari: vowel length, nasalisation and a few look-alike letters ignored.
_DEVANAGARI_LOOSE = str.maketrans(
    {
        "ी": "ि", "ू": "ु", "ई": "इ", "ऊ": "उ", "ॉ": "ा", "ऑ": "आ", "ै": "े", "ौ": "ो",
        "ष": "श", "ण": "न", "\u0902": None, "\u0903": None,
    }
)
_LATIN_LOOSE = (("aa", "a"), ("ee", "i"), ("ii", "i"), ("oo", "u"), ("uu", "u"), ("w", "v"))


def _is_latin(ch: str) -> bool:
    if ch.isascii():
        return ch.isalpha()
    return "LATIN" in unicodedata.name(ch, "")


def _fold_latin(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _fold_devanagari(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH)
    text = text.translate(districts.DEVANAGARI_FOLD)  # the district names' folding
    return _HALF_NASAL.sub("\u0902", text)


def _loose_devanagari(key: str) -> str:
    return key.translate(_DEVANAGARI_LOOSE)


def _loose_latin(key: str) -> str:
    for old, new in _LATIN_LOOSE:
        key = key.replace(old, new)
    return key


# ------------------------------------------------------------------- tokens


@dataclass(frozen=True)
class _Token:
    text: str  # as typed (NFC), digits made ASCII
    script: str  # "dev", "lat" (Latin letters, maybe with digits), "num", "amp", "other"
    key: str  # exact search key
    loose: str  # loose search key


def _char_class(ch: str) -> str | None:
    if _DEVANAGARI_RE.match(ch):
        if ch in "\u0964\u0965\u0970":  # danda, double danda, abbreviation sign
            return None
        return "dev"
    if ch == "&":
        return "amp"
    category = unicodedata.category(ch)
    if category[0] == "L":
        return "lat" if _is_latin(ch) else "other"
    if category[0] == "M":
        return "mark"
    return None


def _make_token(script: str, chars: list[str]) -> _Token:
    text = unicodedata.normalize("NFC", "".join(chars))
    if script == "dev":
        key = _fold_devanagari(text)
        return _Token(text, script, key, _loose_devanagari(key))
    if script == "lat":
        key = _fold_latin(text)
        return _Token(text, script, key, _loose_latin(key))
    if script == "other":
        key = text.casefold()
        return _Token(text, script, key, key)
    return _Token(text, script, text, text)


def _tokens(text: str) -> list[_Token]:
    """Split into words: Devanagari runs, Latin/digit runs, '&'; the rest separates."""
    text = unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH)
    tokens: list[_Token] = []
    script: str | None = None
    chars: list[str] = []

    def flush() -> None:
        nonlocal script, chars
        if chars and script is not None:
            tokens.append(_make_token(script, chars))
        script, chars = None, []

    for i, ch in enumerate(text):
        digit = unicodedata.decimal(ch, None)
        if digit is not None:
            if script == "num" or script == "lat" and chars[-1].isascii() and chars[-1].isalnum():
                chars.append(str(digit))  # "10x12", "2pcs", "500"
            else:
                flush()
                script, chars = "num", [str(digit)]
            continue
        if ch in _NUMBER_JOINERS and chars and chars[-1].isdigit() and script in ("num", "lat"):
            nxt = text[i + 1] if i + 1 < len(text) else ""
            if nxt and unicodedata.decimal(nxt, None) is not None:
                chars.append(ch)  # "5.5", "1,000", "10/12"
                continue
        if ch in _APOSTROPHES and script == "lat":
            continue  # "women's" -> "womens"
        cls = _char_class(ch)
        if cls == "mark":
            if script in ("lat", "other"):
                chars.append(ch)
            continue  # a stray mark on its own carries nothing
        if cls is None:
            flush()
            continue
        if cls == "lat" and script == "num":
            script = "lat"
            chars.append(ch)
            continue
        if cls != script or cls == "amp":
            flush()
            script = cls
        chars.append(ch)
    flush()
    return tokens


# ---------------------------------------------------------------- grammar words

# Dropped before phrase matching: they carry no meaning in an English title.
_GRAMMAR = frozenset(
    {
        "का", "की", "के", "को", "से", "में", "मे", "पर", "है", "हैं", "था", "थी", "थे",
        "वाला", "वाली", "वाले", "वालों", "लिए", "लिये", "हेतु", "ने", "भी", "ही", "तो",
        "ka", "kaa", "ki", "kee", "ke", "ko", "se", "mein", "me", "mai", "hai", "hain",
        "wala", "wali", "wale", "waala", "waali", "waale", "vala", "vali", "vale", "liye", "bhi",
    }
)
# Postpositions of "N का सेट" -> "Set of N".
_POSSESSIVE = frozenset({"का", "की", "के", "ka", "kaa", "ki", "kee", "ke"})
# Conjunctions: "and"/"or" between two translated words, otherwise dropped.
_CONJUNCTIONS = {
    "और": "and", "एवं": "and", "व": "and", "तथा": "and", "aur": "and", "evam": "and",
    "&": "and", "या": "or", "अथवा": "or", "ya": "or",
}
# Dropped when no glossary phrase uses them ("लकड़ी से बना खिलौना" -> "Wooden Toy"), but
# kept for phrase matching ("हाथ से बना" -> "Handmade", "गणेश जी" -> "Ganesha").
_FILLER = frozenset(
    {
        "बना", "बनी", "बने", "बनाया", "बनाई", "बनाए", "बनाये", "हुआ", "हुई", "हुए", "हुये",
        "किया", "किए", "किये", "गया", "गई", "गए", "जी", "रंग", "साथ", "सहित",
        "bana", "bani", "bane", "banaya", "banayi", "hua", "hui", "kiya", "kiye", "ji",
        "rang", "sath", "saath",
    }
)


def _content(tokens: list[_Token]) -> list[_Token]:
    return [t for t in tokens if t.key not in _GRAMMAR]


def normalise(text: str) -> str:
    """The search key of ``text``: folded words separated by single spaces."""
    return " ".join(t.key for t in _tokens(text))


def loose_words(text: str) -> tuple[str, ...]:
    """The loose keys of the words that carry meaning: grammar and filler words dropped,
    vowel length and nasalisation ignored ("सूखे कपडे से पोछें" == "सूखे कपड़े पोंछें")."""
    return tuple(t.loose for t in _content(_tokens(text)) if t.key not in _FILLER)


def is_grammar_word(word: str) -> bool:
    """A Hindi grammar word, in either script ("ka", "से"): Latin text with one is Hinglish."""
    return normalise(word) in _GRAMMAR


# ------------------------------------------------------------------ transliteration

_CONSONANTS = {
    "क": "k", "ख": "kh", "ग": "g", "घ": "gh", "ङ": "n", "च": "ch", "छ": "chh", "ज": "j",
    "झ": "jh", "ञ": "n", "ट": "t", "ठ": "th", "ड": "d", "ढ": "dh", "ण": "n", "त": "t",
    "थ": "th", "द": "d", "ध": "dh", "न": "n", "प": "p", "फ": "ph", "ब": "b", "भ": "bh",
    "म": "m", "य": "y", "र": "r", "ल": "l", "ळ": "l", "व": "v", "श": "sh", "ष": "sh",
    "स": "s", "ह": "h", "\ue000": "gy",  # ज्ञ, substituted before parsing
}
_NUKTA_CONSONANTS = {"क": "q", "ख": "kh", "ग": "gh", "ज": "z", "झ": "zh", "ड": "r", "ढ": "rh",
                     "फ": "f", "य": "y", "न": "n", "र": "r", "ळ": "l"}
_VOWELS = {
    "अ": "a", "आ": "a", "इ": "i", "ई": "i", "उ": "u", "ऊ": "u", "ऋ": "ri", "ॠ": "ri",
    "ऌ": "li", "ऍ": "e", "ऎ": "e", "ए": "e", "ऐ": "ai", "ऑ": "o", "ऒ": "o", "ओ": "o",
    "औ": "au", "ॐ": "om",
}
_MATRAS = {
    "ा": "a", "ि": "i", "ी": "i", "ु": "u", "ू": "u", "ृ": "ri", "ॄ": "ri", "ॅ": "e",
    "ॆ": "e", "े": "e", "ै": "ai", "ॉ": "o", "ॊ": "o", "ो": "o", "ौ": "au",
}
_VIRAMA, _NUKTA = "\u094d", "\u093c"
_LABIALS = frozenset("पफबभम")
# A final schwa stays after a cluster ending in one of these: मिश्र Mishra, सूर्य Surya,
# कृष्ण Krishna, पद्म Padma, शुक्ल Shukla (but दोस्त Dost).
_KEEP_FINAL_AFTER_CLUSTER = frozenset("रयवणनमल")


def _phonemes(word: str) -> list[list[str]]:
    """[kind, latin, letter]: kind C consonant, V vowel, S inherent schwa, N nasal, H visarga."""
    s = unicodedata.normalize("NFD", word).replace("ज\u094dञ", "\ue000")
    out: list[list[str]] = []
    i, n = 0, len(s)
    while i < n:
        ch = s[i]
        if ch in _CONSONANTS:
            latin, j = _CONSONANTS[ch], i + 1
            if j < n and s[j] == _NUKTA:
                latin = _NUKTA_CONSONANTS.get(ch, latin)
                j += 1
            out.append(["C", latin, ch])
            if j < n and s[j] == _VIRAMA:
                j += 1
            elif j < n and s[j] in _MATRAS:
                out.append(["V", _MATRAS[s[j]], s[j]])
                j += 1
            else:
                out.append(["S", "a", ""])
            i = j
            continue
        if ch in _VOWELS:
            out.append(["V", _VOWELS[ch], ch])
        elif ch in _MATRAS:  # a vowel sign without its consonant
            out.append(["V", _MATRAS[ch], ch])
        elif ch in "\u0901\u0902":
            out.append(["N", "n", ch])
        elif ch == "\u0903":
            out.append(["H", "h", ch])
        i += 1  # anything else (avagraha, accents, stray nukta) is dropped
    return out


def _delete_schwas(ph: list[list[str]]) -> None:
    """Hindi schwa syncope: word-final, then V C a C V -> V C C V from right to left."""
    vowels = sum(p[0] in "VS" for p in ph)
    if len(ph) >= 2 and ph[-1][0] == "S" and ph[-2][0] == "C" and vowels > 1:
        letter = ph[-2][2]
        cluster = len(ph) >= 3 and ph[-3][0] == "C"
        keep = cluster and letter in _KEEP_FINAL_AFTER_CLUSTER
        # भारतीय Bharatiya, जनजातीय Janjatiya
        keep |= letter == "य" and len(ph) >= 3 and ph[-3][0] == "V" and ph[-3][1] in ("i", "e")
        if not keep:
            ph.pop()
    for i in range(len(ph) - 2, 1, -1):
        if i + 2 >= len(ph) or ph[i][0] != "S":
            continue
        if (ph[i - 1][0] == "C" and ph[i - 2][0] in "VSN"
                and ph[i + 1][0] == "C" and ph[i + 2][0] in "VS"):
            del ph[i]


# Place names end in these words; schwa deletion needs the word boundary
# (मुज़फ्फरनगर Muzaffarnagar, not Muzaffarangar).
_COMPOUND_ENDINGS = ("नगर",)


def _transliterate_run(word: str) -> str:
    for ending in _COMPOUND_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            head = _transliterate_run(word[: -len(ending)])
            return head + _transliterate_run(ending).lower()
    ph = _phonemes(word)
    _delete_schwas(ph)
    parts: list[str] = []
    for i, (kind, latin, _letter) in enumerate(ph):
        if kind == "N":
            nxt = ph[i + 1] if i + 1 < len(ph) else None
            if _letter == "\u0902" and nxt is not None and nxt[0] == "C" and nxt[2] in _LABIALS:
                latin = "m"  # संभल Sambhal, चंपा Champa (but चाँपना, with chandrabindu, is n)
            elif nxt is not None and nxt[2] == "ह" and i + 2 == len(ph):
                latin = "ng"  # सिंह Singh
        elif kind == "C" and _letter == "व" and i > 0 and ph[i - 1][0] == "C":
            latin = "w"  # after a consonant: स्वामी Swami, विश्वनाथ Vishwanath, द्वार Dwar
        parts.append(latin)
    latin = "".join(parts).replace("chchh", "chh").replace("phph", "ff")
    return latin[:1].upper() + latin[1:]


def transliterate(word: str) -> str:
    """Devanagari -> readable Latin without diacritics: "सुनीता" -> "Sunita".

    Each Devanagari word is capitalised; digits become ASCII; anything else is kept.
    The result never contains Devanagari.
    """
    text = unicodedata.normalize("NFC", word).translate(_ZERO_WIDTH)
    text = "".join(str(unicodedata.decimal(c)) if unicodedata.decimal(c, None) is not None
                   else c for c in text)
    text = _DEVANAGARI_RUN.sub(lambda m: _transliterate_run(m.group()), text)
    return _DEVANAGARI_RE.sub("", text)  # dandas and other signs


# ---------------------------------------------------------------------- loading


@dataclass(frozen=True)
class Glossary:
    entries: tuple[Entry, ...]
    exact: dict[tuple[str, ...], Entry]
    # Loose keys of the spellings in the file, and of Latin spellings derived from the
    # Devanagari ones. A Latin input that folding leaves unchanged ("spun") may only use
    # the derived ones: otherwise "spun" would meet "spoon" folded to "spun".
    loose: dict[tuple[str, ...], Entry]
    derived: dict[tuple[str, ...], Entry]

    def match(self, window: list[_Token]) -> Entry | None:
        key = tuple(t.key for t in window)
        found = self.exact.get(key)
        if found is not None or (len(window) == 1 and len(key[0]) < _MIN_LOOSE_LEN):
            return found
        loose = tuple(t.loose for t in window)
        if any(t.script == "dev" or t.loose != t.key for t in window):
            found = self.loose.get(loose)
        return found if found is not None else self.derived.get(loose)


def _fail(path: Path, line: int, message: str) -> GlossaryError:
    return GlossaryError(f"{path.name} line {line}: {message}")


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    return read_csv_rows(path, COLUMNS, frozenset({"variants"}), GlossaryError)


def _parse_entry(path: Path, line: int, row: dict[str, str]) -> Entry:
    english, hindi, kind = row["english"], row["hindi"], row["kind"]
    if kind not in KINDS:
        raise _fail(path, line, f"kind must be one of {'|'.join(KINDS)}, got {kind!r}")
    if _DEVANAGARI_RE.search(english):
        raise _fail(path, line, f"english {english!r} contains Devanagari")
    if not all(_is_latin(c) or c.isdigit() or c in " -'" for c in english):
        raise _fail(path, line, f"english {english!r} must be Latin letters, digits, spaces or '-'")
    if not _DEVANAGARI_RE.search(hindi) or any(_is_latin(c) for c in hindi):
        raise _fail(path, line, f"hindi {hindi!r} must be written in Devanagari")
    variants = tuple(v.strip() for v in row["variants"].split(";")) if row["variants"] else ()
    if any(not v for v in variants):
        raise _fail(path, line, "empty variant (stray ';')")
    return Entry(english, hindi, variants, kind, row["source"], line)


def _content_key(path: Path, line: int, spelling: str) -> list[_Token]:
    words = _content(_tokens(spelling))
    if not words:
        raise _fail(path, line, f"{spelling!r} has no words besides grammar words")
    if len(words) > MAX_PHRASE_WORDS:
        raise _fail(path, line, f"{spelling!r} is longer than {MAX_PHRASE_WORDS} words")
    return words


def load(path: Path = GLOSSARY_CSV) -> Glossary:
    """Read and check a glossary CSV (uncached; the functions below use the cached default)."""
    entries: list[Entry] = []
    exact: dict[tuple[str, ...], Entry] = {}
    # loose key -> English terms it could mean, and the first entry giving it
    meanings: dict[tuple[str, ...], set[str]] = {}
    first: dict[tuple[str, ...], Entry] = {}
    derived_keys: set[tuple[str, ...]] = set()

    def add_loose(key: tuple[str, ...], entry: Entry) -> None:
        meanings.setdefault(key, set()).add(entry.english)
        first.setdefault(key, entry)

    for line, row in _rows(path):
        entry = _parse_entry(path, line, row)
        entries.append(entry)
        for position, spelling in enumerate((entry.english, entry.hindi, *entry.variants)):
            words = _content_key(path, line, spelling)
            key = tuple(w.key for w in words)
            other = exact.setdefault(key, entry)
            if other.english != entry.english:
                raise _fail(
                    path, line,
                    f"{spelling!r} means {entry.english!r} here but {other.english!r} "
                    f"on line {other.line}",
                )
            if position == 0:
                continue  # English forms match exactly only ("tin" must not match "teen")
            add_loose(tuple(w.loose for w in words), entry)
            if all(w.script == "dev" for w in words):
                derived = tuple(_loose_latin(transliterate(w.text).casefold()) for w in words)
                if len(words) > 1 or len(derived[0]) >= _MIN_DERIVED_LEN:
                    add_loose(derived, entry)
                    derived_keys.add(derived)
    if not entries:
        raise GlossaryError(f"{path.name}: no entries")
    # A loose key that could mean two English terms is never used.
    loose = {k: first[k] for k, englishes in meanings.items() if len(englishes) == 1}
    derived = {k: e for k, e in loose.items() if k in derived_keys}
    return Glossary(tuple(entries), exact, loose, derived)


@cache
def _glossary() -> Glossary:
    return load()


def entries() -> tuple[Entry, ...]:
    return _glossary().entries


def find(term: str) -> Entry | None:
    """The entry whose spelling is the whole (normalised) ``term``, if any."""
    words = _content(_tokens(term))
    if not words or len(words) > MAX_PHRASE_WORDS:
        return None
    return _glossary().exact.get(tuple(w.key for w in words))


def lookup(term: str) -> str | None:
    """The English for ``term`` if the whole (normalised) term is a glossary spelling.

    Exact after normalising: case, accents, punctuation, nukta, chandrabindu, zero-width
    joiners and grammar words (का की के से ...) do not matter; vowel length does.
    """
    entry = find(term)
    return entry.english if entry else None


# -------------------------------------------------------------------- translating


@dataclass
class _Chunk:
    text: str
    kind: str  # "entry", "conj", "num", "latin", "translit"
    after_possessive: bool = False


def to_english(text: str) -> Translation:
    """English listing words for a seller's description; see the module docstring."""
    glossary = _glossary()
    tokens = _tokens(text or "")
    content: list[_Token] = []
    possessive_before: list[bool] = []
    seen_possessive = False
    for token in tokens:
        if token.key in _GRAMMAR:
            seen_possessive |= token.key in _POSSESSIVE
            continue
        content.append(token)
        possessive_before.append(seen_possessive)
        seen_possessive = False

    chunks: list[_Chunk] = []
    unknown: list[str] = []
    kept: list[str] = []
    i = 0
    while i < len(content):
        token = content[i]
        if token.script == "num":
            chunks.append(_Chunk(token.text, "num"))
            i += 1
            continue
        entry, size = None, 0
        for n in range(min(MAX_PHRASE_WORDS, len(content) - i), 0, -1):
            window = content[i:i + n]
            if n > 1 and any(t.script in ("num", "amp") for t in window):
                continue
            entry = glossary.match(window)
            if entry is not None:
                size = n
                break
        if entry is not None:
            kind = "num" if entry.english.isdigit() else "entry"
            chunks.append(_Chunk(entry.english, kind, possessive_before[i]))
            i += size
            continue
        if token.key in _CONJUNCTIONS:
            chunks.append(_Chunk(_CONJUNCTIONS[token.key], "conj"))
        elif token.key in _FILLER:
            pass
        elif token.script == "dev" and (district := districts.district_named(token.text)):
            # A district's own English name is a translation, not a guess (फिरोजाबाद).
            chunks.append(_Chunk(district.name_en, "entry", possessive_before[i]))
        elif token.script == "dev":
            latin = transliterate(token.text)
            if latin:  # a stray sign on its own transliterates to nothing
                chunks.append(_Chunk(latin, "translit"))
                unknown.append(token.text)
        elif token.script == "other":
            unknown.append(token.text)  # a script we cannot transliterate: left out
        else:
            chunks.append(_Chunk(token.text, "latin"))
            kept.append(token.text)
        i += 1

    words: list[str] = []
    previous: _Chunk | None = None
    for index, chunk in enumerate(chunks):
        if chunk.kind == "conj":
            following = chunks[index + 1] if index + 1 < len(chunks) else None
            if previous is None or previous.kind == "conj" or following is None \
                    or following.kind == "conj":
                continue
        elif (chunk.kind == "entry" and chunk.text == "Set" and chunk.after_possessive
              and previous is not None and previous.kind == "num"):
            words[-1] = f"Set of {words[-1]}"  # "4 का सेट" -> "Set of 4"
            previous = chunk
            continue
        elif (previous is not None and chunk.kind == previous.kind == "entry"
              and chunk.text.casefold() == previous.text.casefold()):
            continue  # "हस्तनिर्मित हाथ से बना" -> one "Handmade"
        words.append(chunk.text)
        previous = chunk
    # Every path above yields Latin already; the substitution is a last line of defence.
    result = _DEVANAGARI_RE.sub("", " ".join(words))
    return Translation(result, tuple(dict.fromkeys(unknown)), tuple(dict.fromkeys(kept)))
