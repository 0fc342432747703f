"""Seller words as tokens, for the glossary and the phrase lists: characters folded (nukta,
chandrabindu, zero-width joiners, accents, case), a second "loose" key that also ignores
vowel length, nasalisation and w/v, numbers kept whole, and the Hindi grammar words that
have no place in an English title (का की के से में है वाला ...)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from bot.reference import districts
from bot.reference.transliteration import DEVANAGARI_RE, ZERO_WIDTH

# ------------------------------------------------------------------ characters

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


def is_latin(ch: str) -> bool:
    if ch.isascii():
        return ch.isalpha()
    return "LATIN" in unicodedata.name(ch, "")


def _fold_latin(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _fold_devanagari(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(ZERO_WIDTH)
    text = text.translate(districts.DEVANAGARI_FOLD)  # the district names' folding
    return _HALF_NASAL.sub("\u0902", text)


def _loose_devanagari(key: str) -> str:
    return key.translate(_DEVANAGARI_LOOSE)


def loose_latin(key: str) -> str:
    for old, new in _LATIN_LOOSE:
        key = key.replace(old, new)
    return key


# ------------------------------------------------------------------- tokens


@dataclass(frozen=True)
class Token:
    text: str  # as typed (NFC), digits made ASCII
    script: str  # "dev", "lat" (Latin letters, maybe with digits), "num", "amp", "other"
    key: str  # exact search key
    loose: str  # loose search key


@lru_cache(maxsize=4096)  # few distinct characters, met again in every word
def _char_class(ch: str) -> str | None:
    if DEVANAGARI_RE.match(ch):
        if ch in "\u0964\u0965\u0970":  # danda, double danda, abbreviation sign
            return None
        return "dev"
    if ch == "&":
        return "amp"
    category = unicodedata.category(ch)
    if category[0] == "L":
        return "lat" if is_latin(ch) else "other"
    if category[0] == "M":
        return "mark"
    return None


def _make_token(script: str, chars: list[str]) -> Token:
    text = unicodedata.normalize("NFC", "".join(chars))
    if script == "dev":
        key = _fold_devanagari(text)
        return Token(text, script, key, _loose_devanagari(key))
    if script == "lat":
        key = _fold_latin(text)
        return Token(text, script, key, loose_latin(key))
    if script == "other":
        key = text.casefold()
        return Token(text, script, key, key)
    return Token(text, script, text, text)


def tokenize(text: str) -> list[Token]:
    """Split into words: Devanagari runs, Latin/digit runs, '&'; the rest separates."""
    return list(_tokens(text))


# The same lines come back again and again (the ticked care and feature lines of every
# product in an export, each asked several times per draft): half of building a draft's
# facts was splitting them anew. Tokens are frozen, and callers get a list of their own.
@lru_cache(maxsize=16_384)
def _tokens(text: str) -> tuple[Token, ...]:
    text = unicodedata.normalize("NFC", text).translate(ZERO_WIDTH)
    tokens: list[Token] = []
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
    return tuple(tokens)


# ---------------------------------------------------------------- grammar words

# Dropped before phrase matching: they carry no meaning in an English title.
GRAMMAR = frozenset(
    {
        "का", "की", "के", "को", "से", "में", "मे", "पर", "है", "हैं", "था", "थी", "थे",
        "वाला", "वाली", "वाले", "वालों", "लिए", "लिये", "हेतु", "ने", "भी", "ही", "तो",
        "ka", "kaa", "ki", "kee", "ke", "ko", "se", "mein", "me", "mai", "hai", "hain",
        "wala", "wali", "wale", "waala", "waali", "waale", "vala", "vali", "vale", "liye", "bhi",
    }
)
# Postpositions of "N का सेट" -> "Set of N".
POSSESSIVE = frozenset({"का", "की", "के", "ka", "kaa", "ki", "kee", "ke"})
# Conjunctions: "and"/"or" between two translated words, otherwise dropped.
CONJUNCTIONS = {
    "और": "and", "एवं": "and", "व": "and", "तथा": "and", "aur": "and", "evam": "and",
    "&": "and", "या": "or", "अथवा": "or", "ya": "or",
}
# Dropped when no glossary phrase uses them ("लकड़ी से बना खिलौना" -> "Wooden Toy"), but
# kept for phrase matching ("हाथ से बना" -> "Handmade", "गणेश जी" -> "Ganesha").
FILLER = frozenset(
    {
        "बना", "बनी", "बने", "बनाया", "बनाई", "बनाए", "बनाये", "हुआ", "हुई", "हुए", "हुये",
        "किया", "किए", "किये", "गया", "गई", "गए", "जी", "रंग", "साथ", "सहित",
        "bana", "bani", "bane", "banaya", "banayi", "hua", "hui", "kiya", "kiye", "ji",
        "rang", "sath", "saath",
    }
)


def content_words(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if t.key not in GRAMMAR]


def normalise(text: str) -> str:
    """The search key of ``text``: folded words separated by single spaces."""
    return " ".join(t.key for t in tokenize(text))


def loose_words(text: str) -> tuple[str, ...]:
    """The loose keys of the words that carry meaning: grammar and filler words dropped,
    vowel length and nasalisation ignored ("सूखे कपडे से पोछें" == "सूखे कपड़े पोंछें")."""
    return tuple(t.loose for t in content_words(tokenize(text)) if t.key not in FILLER)


def is_grammar_word(word: str) -> bool:
    """A Hindi grammar word, in either script ("ka", "से"): Latin text with one is Hinglish."""
    return normalise(word) in GRAMMAR
