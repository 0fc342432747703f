"""A seller's feature, care and story lines in English by the patterns sellers write them
in ("पीतल से बना", "हाथ से धोएँ", "धूप में न सुखाएँ", "पक्का रंग"), and the test that says
a Latin line is Hindi ("ekdum pakka rang, dhone pe nahi utarta").

Word by word, a Hindi sentence is not English ("सूखे कपड़े से पोंछें" is not "Dry Cloth
Wipe"), so a clause is rendered only when it is one of the patterns in
``data/line_patterns.csv``, whose English a person wrote. A pattern is a sequence of word
groups from ``data/line_words.csv`` (``@wash``: धोएं, धोयें, dhoye ...; ``?`` optional) and
slots: ``{group}`` takes the English of the group's word, ``{material}``, ``{thing}``,
``{place}`` and ``{n}`` the product's own words from the glossary or the district names.
A clause that fits no pattern has no English here: it goes to a person.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bot.reference import districts, glossary, tokens
from bot.reference.rows import ReferenceDataError, read_csv_rows

DATA = Path(__file__).resolve().parent / "data"
WORDS_CSV = DATA / "line_words.csv"
PATTERNS_CSV = DATA / "line_patterns.csv"
KINDS = ("feature", "care", "story")
FILLER = "filler"  # emphasis and "is": dropped before matching ("एकदम", "है")
# Slots the glossary fills, and the glossary kinds each accepts.
GLOSSARY_SLOTS = {"material": ("material",), "thing": ("product", "material"),
                  "things": ("product",), "colour": ("colour",)}
MAX_SLOT_WORDS = 3
# An adjective in the glossary's English where the sentence needs the noun.
_NOUN = {"Wooden": "wood", "Woollen": "wool"}
# English words that are also romanised Hindi forms: half a vote each ("jute mat").
_ENGLISH_HOMOGRAPHS = frozenset({"me", "mat", "door", "par", "main", "hi", "he", "peace",
                                 "sal", "ham", "har", "nag", "kam", "ne", "bane", "na"})
# Words that make a clause a sentence (an instruction, a claim, a story), which the
# glossary's word-by-word noun phrases must not render: "ladies ke liye sundar" is not
# "Women Beautiful".
SENTENCE_GROUPS = frozenset({
    "not", "for", "by", "wash", "washing", "wipe", "dry_verb", "keep", "do", "away", "can",
    "runs", "fall", "avoid", "making", "doing", "we", "our", "year", "experience",
    "generations", "only", "iron", "first_time", "clean_word", "good"})
HINDI_SHARE = 0.25  # of a Latin line's words, with at least one whole vote


@dataclass(frozen=True)
class Element:
    name: str  # a word group, or a slot name
    slot: bool  # {name}: its English goes into the sentence
    optional: bool


@dataclass(frozen=True)
class Pattern:
    key: str
    kind: str
    elements: tuple[Element, ...]
    english: str
    source: str


@dataclass(frozen=True)
class _Data:
    groups: dict[str, dict[tuple[str, ...], str]]  # group -> loose word keys -> English
    patterns: tuple[Pattern, ...]
    latin_hindi: frozenset[str]  # loose keys of romanised Hindi words


def _keys(form: str) -> tuple[str, ...]:
    return tuple(t.loose for t in tokens.tokenize(form))


def _load_words(path: Path) -> dict[str, dict[tuple[str, ...], str]]:
    groups: dict[str, dict[tuple[str, ...], str]] = {}
    for line, row in read_csv_rows(path, ("group", "english", "forms", "source"),
                                     frozenset({"english"})):
        forms = groups.setdefault(row["group"], {})
        for form in filter(None, (f.strip() for f in row["forms"].split(";"))):
            key = _keys(form)
            if not key or forms.get(key, row["english"]) != row["english"]:
                raise ReferenceDataError(f"{path.name} line {line}: {form!r} is empty or "
                                         f"means two things in {row['group']}")
            forms[key] = row["english"]
    return groups


def _element(path: Path, line: int, word: str, groups: dict) -> Element:
    optional = word.endswith("?")
    word = word.rstrip("?")
    if word.startswith("{") and word.endswith("}"):
        name = word[1:-1]
        if name not in groups and name not in GLOSSARY_SLOTS and name not in ("place", "n"):
            raise ReferenceDataError(f"{path.name} line {line}: unknown slot {word}")
        return Element(name, True, optional)
    if not word.startswith("@") or word[1:] not in groups:
        raise ReferenceDataError(f"{path.name} line {line}: unknown word group {word}")
    return Element(word[1:], False, optional)


def load(words: Path = WORDS_CSV, patterns: Path = PATTERNS_CSV) -> _Data:
    groups = _load_words(words)
    found: list[Pattern] = []
    for line, row in read_csv_rows(patterns, ("key", "kind", "pattern", "english", "source")):
        if row["kind"] not in KINDS:
            raise ReferenceDataError(f"{patterns.name} line {line}: kind {row['kind']!r}")
        elements = tuple(_element(patterns, line, w, groups) for w in row["pattern"].split())
        slots = {e.name for e in elements if e.slot}
        if slots != {s[1:-1] for s in _slot_names(row["english"])}:
            raise ReferenceDataError(f"{patterns.name} line {line}: the English must use "
                                     "each slot once")
        found.append(Pattern(row["key"], row["kind"], elements, row["english"],
                             row["source"]))
    english = {tokens.loose_latin(w.casefold()) for e in glossary.entries()
               for w in e.english.split()}
    latin = {k[0] for forms in groups.values() for k in forms if len(k) == 1
             and k[0].isascii() and k[0] not in english}  # "puja", "gift" are English too
    latin |= {tokens.loose_latin(w) for w in tokens.GRAMMAR if w.isascii()}
    return _Data(groups, tuple(found), frozenset(latin))


def _slot_names(english: str) -> list[str]:
    out, start = [], english.find("{")
    while start >= 0:
        end = english.index("}", start)
        out.append(english[start:end + 1])
        start = english.find("{", end)
    return out


@cache
def _data() -> _Data:
    return load()


def patterns() -> tuple[Pattern, ...]:
    return _data().patterns


# ----------------------------------------------------------------- Latin-script Hindi


def hindi_votes(text: str) -> tuple[float, int]:
    """(votes for Hindi, Latin words): a romanised Hindi word of the line lists or the
    glossary's Hindi side is a vote, one that is also an English word half of one."""
    data = _data()
    words = [t for t in tokens.tokenize(text) if t.script == "lat"]
    votes = 0.0
    for token in words:
        hindi = token.loose in data.latin_hindi or glossary.is_romanised(token)
        if hindi:
            votes += 0.5 if token.key in _ENGLISH_HOMOGRAPHS else 1.0
    return votes, len(words)


def is_latin_hindi(text: str) -> bool:
    """Hindi written in Latin letters: never English as typed."""
    votes, count = hindi_votes(text)
    return votes >= 1 and votes >= HINDI_SHARE * count


# ----------------------------------------------------------------------- rendering


def _proper(word: str) -> bool:
    return districts.district_named(word) is not None or word in ("Diwali", "Holi", "Indian")


def _sentence_case(english: str) -> str:
    """Glossary title words in a sentence: "Sheesham Wood Wooden" -> "sheesham wood"."""
    words = {_NOUN.get(w, w).casefold(): _NOUN.get(w, w) for w in english.split()}
    return " ".join(w if _proper(w) else w.lower() for w in words.values())


def _glossary_slot(name: str, span: list[tokens.Token]) -> str | None:
    if any(t.script in ("num", "amp", "other") for t in span):
        return None
    text = " ".join(t.text for t in span)
    translation = glossary.to_english(text)
    if translation.unknown or translation.kept or not translation.text:
        return None
    last = glossary.entry_for(span[-1:]) or glossary.entry_for(span)
    if last is None or last.kind not in GLOSSARY_SLOTS[name]:
        return None
    english = _sentence_case(translation.text)
    if name == "things" and not english.endswith("s"):
        return None  # "making diya": the plural is not ours to guess
    return english


def _candidates(element: Element, toks: list[tokens.Token], at: int):
    """(words taken, English) for each way ``element`` can start at ``toks[at]``."""
    name = element.name
    if name == "n":
        if at < len(toks):
            token = toks[at]
            entry = glossary.entry_for([token]) if token.script != "num" else None
            if token.script == "num" and token.text.isdigit():
                yield 1, token.text
            elif entry is not None and entry.english.isdigit():
                yield 1, entry.english
        return
    if name == "place":
        for size in (2, 1):
            span = toks[at:at + size]
            if len(span) == size and all(t.script == "dev" for t in span):
                found = districts.district_named(" ".join(t.text for t in span))
                if found is not None:
                    yield size, found.name_en
            elif len(span) == size and (found := districts.district(
                    " ".join(t.key for t in span))) is not None:
                yield size, found.name_en
        return
    if name in GLOSSARY_SLOTS:
        for size in range(min(MAX_SLOT_WORDS, len(toks) - at), 0, -1):
            english = _glossary_slot(name, toks[at:at + size])
            if english:
                yield size, english
        return
    for key, english in _data().groups[name].items():
        if tuple(t.loose for t in toks[at:at + len(key)]) == key:
            yield len(key), english


def _match(elements: tuple[Element, ...], toks: list[tokens.Token], at: int,
           fills: dict[str, str]) -> dict[str, str] | None:
    if not elements:
        return fills if at == len(toks) else None
    element, rest = elements[0], elements[1:]
    for size, english in _candidates(element, toks, at):
        found = _match(rest, toks, at + size,
                       {**fills, element.name: english} if element.slot else fills)
        if found is not None:
            return found
    return _match(rest, toks, at, fills) if element.optional else None


def is_sentence(text: str) -> bool:
    """The clause has a word of an instruction or a claim (``SENTENCE_GROUPS``)."""
    groups = _data().groups
    keys = [t.loose for t in tokens.tokenize(text)]
    return any(tuple(keys[i:i + len(form)]) == form for name in SENTENCE_GROUPS
               for form in groups[name] for i in range(len(keys)))


def render_clause(text: str) -> str | None:
    """The clause in English if it is one of the patterns, else None."""
    filler = _data().groups[FILLER]
    toks = [t for t in tokens.tokenize(text) if (t.loose,) not in filler]
    if not toks:
        return None
    for pattern in _data().patterns:
        fills = _match(pattern.elements, toks, 0, {})
        if fills is not None:
            english = pattern.english.format(**fills)
            return english[:1].upper() + english[1:]
    return None
