"""Seller words -> English listing words, from the craft glossary
(``bot/reference/data/glossary.csv``).

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

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from bot.reference import districts
from bot.reference.rows import read_csv_rows
from bot.reference.tokens import (
    CONJUNCTIONS,
    FILLER,
    GRAMMAR,
    POSSESSIVE,
    Token,
    content_words,
    is_latin,
    loose_latin,
    tokenize,
)
from bot.reference.transliteration import DEVANAGARI_RE as _DEVANAGARI_RE
from bot.reference.transliteration import transliterate

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

    def match(self, window: list[Token]) -> Entry | None:
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
    if not all(is_latin(c) or c.isdigit() or c in " -'" for c in english):
        raise _fail(path, line, f"english {english!r} must be Latin letters, digits, spaces or '-'")
    if not _DEVANAGARI_RE.search(hindi) or any(is_latin(c) for c in hindi):
        raise _fail(path, line, f"hindi {hindi!r} must be written in Devanagari")
    variants = tuple(v.strip() for v in row["variants"].split(";")) if row["variants"] else ()
    if any(not v for v in variants):
        raise _fail(path, line, "empty variant (stray ';')")
    return Entry(english, hindi, variants, kind, row["source"], line)


def _content_key(path: Path, line: int, spelling: str) -> list[Token]:
    words = content_words(tokenize(spelling))
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
                derived = tuple(loose_latin(transliterate(w.text).casefold()) for w in words)
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
def _shipped() -> Glossary:
    return load()


# A district's reviewed words (``bot.listing.glossary_terms``), for the drafts of its
# sellers: set around the work with ``extra``, read here like the locale (a ContextVar).
_EXTRA: ContextVar[tuple[Entry, ...]] = ContextVar("glossary_extra", default=())


@contextmanager
def extra(more: Iterable[Entry]) -> Iterator[None]:
    """Use ``more`` before the shipped glossary (the first of two spellings wins)."""
    token = _EXTRA.set(tuple(more))
    try:
        yield
    finally:
        _EXTRA.reset(token)


def extra_key() -> tuple[Entry, ...]:
    """The entries in use beside the shipped ones: part of every cache key over them."""
    return _EXTRA.get()


@lru_cache(maxsize=128)
def _overlay(more: tuple[Entry, ...]) -> Glossary:
    base = _shipped()
    exact, loose, derived = dict(base.exact), dict(base.loose), dict(base.derived)
    for entry in reversed(more):  # the first spelling wins: a district's before shared
        words = content_words(tokenize(entry.hindi))
        if not words or len(words) > MAX_PHRASE_WORDS:
            continue
        exact[tuple(w.key for w in words)] = entry
        loose[tuple(w.loose for w in words)] = entry
        if all(w.script == "dev" for w in words):
            latin = tuple(loose_latin(transliterate(w.text).casefold()) for w in words)
            if len(words) > 1 or len(latin[0]) >= _MIN_DERIVED_LEN:
                derived[latin] = entry
    return Glossary(base.entries + more, exact, loose, derived)


def _glossary() -> Glossary:
    more = _EXTRA.get()
    return _overlay(more) if more else _shipped()


def entries() -> tuple[Entry, ...]:
    """The shipped entries (a district's own are in use only inside ``extra``)."""
    return _shipped().entries


def valid_english(english: str) -> bool:
    """What an entry's English may be: Latin letters, digits, spaces, "-" and "'"."""
    return bool(english.strip()) and not _DEVANAGARI_RE.search(english) and all(
        is_latin(c) or c.isdigit() or c in " -'" for c in english)


def term_words(term: str) -> list[Token]:
    """A term's words as the glossary matches them (grammar words aside): at most
    ``MAX_PHRASE_WORDS``, or none when it cannot be an entry."""
    words = content_words(tokenize(term))
    return words if len(words) <= MAX_PHRASE_WORDS else []


def find(term: str) -> Entry | None:
    """The entry whose spelling is the whole (normalised) ``term``, if any."""
    words = content_words(tokenize(term))
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


def entry_for(words: list[Token]) -> Entry | None:
    """The entry these (already tokenised) words spell, loosely, if any."""
    return _glossary().match(words) if words else None


def is_romanised(token: Token) -> bool:
    """A Latin word that is a glossary Hindi word in Latin letters ("kaanch", "pital"),
    not one whose English is the same word ("diya")."""
    entry = _glossary().derived.get((token.loose,))
    return (token.script == "lat" and entry is not None
            and loose_latin(entry.english.casefold()) != token.loose)


# -------------------------------------------------------------------- translating


@dataclass
class _Chunk:
    text: str
    kind: str  # "entry", "conj", "num", "latin", "translit"
    after_possessive: bool = False


def to_english(text: str) -> Translation:
    """English listing words for a seller's description; see the module docstring."""
    glossary = _glossary()
    tokens = tokenize(text or "")
    content: list[Token] = []
    possessive_before: list[bool] = []
    seen_possessive = False
    for token in tokens:
        if token.key in GRAMMAR:
            seen_possessive |= token.key in POSSESSIVE
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
        if token.key in CONJUNCTIONS:
            chunks.append(_Chunk(CONJUNCTIONS[token.key], "conj"))
        elif token.key in FILLER:
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
