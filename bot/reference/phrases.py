"""Key features and care instructions as choices (``data/phrases.csv``), and the rule that
decides whether a line the seller typed can go into an English listing.

No machine translation runs here, so a Hindi sentence cannot be turned into English
reliably. Two things can: a choice whose English was written by a person (each row holds
the English and the Hindi side by side, with where the claim comes from), and a line whose
every meaningful word the glossary translates (``फिरोजाबाद का मोटा कांच`` -> "Firozabad
Thick Glass"; district names count as known). ``english_line`` returns English only then;
otherwise it returns the words it could not translate, and the draft leaves the line out
and says so. Transliterated Hindi is never presented as English.

A row's ``scope`` is ``*`` or craft/category keys separated by ``;``; ``variants`` are other
ways sellers write the same line, so a typed line that means a choice becomes that choice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from bot.i18n import get_locale
from bot.reference import categories, glossary, lines, tokens
from bot.reference.rows import ReferenceDataError, read_csv_rows

PHRASES_CSV = Path(__file__).resolve().parent / "data" / "phrases.csv"
COLUMNS = ("key", "kind", "scope", "english", "hindi", "variants", "source", "button_en",
           "button_hi")
BUTTON_LIMIT = 18  # characters: a tick ("✅ ") must still fit a phone's 20
KINDS = ("feature", "care")
ALL = "*"
# The answers key of the English a facilitator gave for lines the bot could not render.
GIVEN = "english_given"
CHOICE_PREFIX = "#"  # a stored answer "#mouth_blown" is a choice; anything else was typed
_DEVANAGARI = re.compile("[\u0900-\u097f]")
_CLAUSES = re.compile(r"[,;।॥|.!?\n]+")


@dataclass(frozen=True)
class Phrase:
    key: str
    kind: str  # feature | care
    scope: frozenset[str]  # craft or category keys; {"*"} for every product
    english: str
    hindi: str
    source: str
    button_en: str = ""  # a short form for a button, where the line is too long for one
    button_hi: str = ""

    def label(self) -> str:
        """The whole line in the seller's language (the English goes into the drafts)."""
        return self.hindi if get_locale() == "hi" else self.english

    def button(self) -> str:
        """The line on a button: the seller's language only, short enough for a phone."""
        if get_locale() == "hi":
            return self.button_hi or self.hindi
        return self.button_en or self.english

    def fits(self, category_key: str | None) -> bool:
        if ALL in self.scope:
            return True
        category = categories.category(category_key or "")
        return category is not None and bool({category.key, category.craft_key} & self.scope)


@dataclass(frozen=True)
class Line:
    """A seller's line in English, or the words that kept it out."""

    source: str
    english: str | None
    unknown: tuple[str, ...] = ()

    @property
    def gap(self) -> bool:
        return self.english is None


@dataclass(frozen=True)
class _Phrases:
    by_key: dict[str, Phrase]
    by_words: dict[tuple[str, ...], Phrase]


def _fail(path: Path, line: int, message: str) -> ReferenceDataError:
    return ReferenceDataError(f"{path.name} line {line}: {message}")


def load(path: Path = PHRASES_CSV) -> _Phrases:
    by_key: dict[str, Phrase] = {}
    by_words: dict[tuple[str, ...], Phrase] = {}
    optional = frozenset({"variants", "button_en", "button_hi"})
    for line, row in read_csv_rows(path, COLUMNS, optional):
        if row["kind"] not in KINDS:
            raise _fail(path, line, f"kind must be one of {'|'.join(KINDS)}")
        if row["key"] in by_key:
            raise _fail(path, line, f"key {row['key']!r} is used twice")
        if _DEVANAGARI.search(row["english"]) or not _DEVANAGARI.search(row["hindi"]):
            raise _fail(path, line, "english must be English and hindi Devanagari")
        scope = frozenset(s.strip() for s in row["scope"].split(";"))
        known = {c.key for c in categories.categories()} | {
            c.craft_key for c in categories.categories()}
        if scope - known - {ALL}:
            raise _fail(path, line, f"unknown scope {', '.join(sorted(scope - known - {ALL}))}")
        phrase = Phrase(row["key"], row["kind"], scope, row["english"], row["hindi"],
                        row["source"], row["button_en"], row["button_hi"])
        if any(len(b) > BUTTON_LIMIT for b in (phrase.button_en or phrase.english,
                                              phrase.button_hi or phrase.hindi)):
            raise _fail(path, line, f"a button over {BUTTON_LIMIT} characters: give "
                                    "button_en / button_hi")
        by_key[phrase.key] = phrase
        variants = [v for v in row["variants"].split(";") if v.strip()]
        for spelling in (phrase.english, phrase.hindi, *variants):
            words = tokens.loose_words(spelling)
            other = by_words.get(words)
            if not words or (other is not None and other.key != phrase.key):
                raise _fail(path, line, f"{spelling!r} is empty or also means "
                                        f"{other.key if other else ''!r}")
            by_words[words] = phrase
    return _Phrases(by_key, by_words)


@cache
def _phrases() -> _Phrases:
    return load()


def get(key: str) -> Phrase | None:
    return _phrases().by_key.get(key)


def choices(kind: str, category_key: str | None) -> list[Phrase]:
    """The choices for one kind of line and product category, in file order."""
    return [p for p in _phrases().by_key.values() if p.kind == kind and p.fits(category_key)]


def match(text: str) -> Phrase | None:
    """The phrase ``text`` says, in any of its spellings (grammar words, nukta, vowel length
    and nasalisation aside)."""
    words = tokens.loose_words(text)
    return _phrases().by_words.get(words) if words else None


def resolve(item: str) -> Phrase | None:
    """The phrase a stored answer item stands for, if it is a choice."""
    if item.startswith(CHOICE_PREFIX):
        return get(item[len(CHOICE_PREFIX):])
    return None


def is_hinglish(text: str) -> bool:
    """Latin text with a Hindi grammar word ("haath se bana", "dry cloth se ponchhe") or
    enough romanised Hindi ("ekdum pakka rang, dhone pe nahi utarta"): Hindi, not English."""
    return (any(tokens.is_grammar_word(w) for w in re.findall(r"[A-Za-z]+", text))
            or lines.is_latin_hindi(text))


def _clause(text: str, hinglish: bool, kind: str) -> tuple[str | None, tuple[str, ...]]:
    phrase = match(text)
    if phrase is not None:
        return phrase.english, ()
    rendered = lines.render_clause(text)  # a sentence as sellers write it
    if rendered is not None:
        return rendered, ()
    translation = glossary.to_english(text)  # a noun phrase, every word known
    if kind != "feature" or lines.is_sentence(text):
        # Care lines and stories are sentences: word by word they come out wrong.
        missing = translation.unknown + (translation.kept if hinglish else ())
        return None, missing or (text.strip(),)
    unknown = translation.unknown + (translation.kept if hinglish else ())
    if unknown or not translation.text.strip():
        return None, unknown or (text.strip(),)
    return translation.text, ()


def english_line(item: str, kind: str = "feature") -> Line:
    """One feature, care or story item in English, or a gap naming the words that kept
    it out (``kind``: feature | care | story); a district's reviewed words count
    (``glossary.extra``)."""
    return _english_line(item, kind, glossary.extra_key())


@lru_cache(maxsize=8192)  # the same lines repeat across a seller's products and exports
def _english_line(item: str, kind: str, _extra: tuple) -> Line:
    phrase = resolve(item)
    if phrase is not None:
        return Line(phrase.hindi, phrase.english)
    text = item.strip()
    whole = match(text)
    if whole is not None:
        return Line(text, whole.english)
    hinglish = is_hinglish(text)
    if not _DEVANAGARI.search(text) and not hinglish:
        return Line(text, text)  # typed in English: the seller's own words
    parts: list[str] = []
    unknown: list[str] = []
    for clause in filter(str.strip, _CLAUSES.split(text)):
        english, missing = _clause(clause, hinglish, kind)
        if english is None:
            unknown.extend(missing)
        else:
            parts.append(english)
    if unknown or not parts:
        return Line(text, None, tuple(dict.fromkeys(unknown)))
    english = ". ".join(part[:1].upper() + part[1:] for part in parts)
    return Line(text, english)
