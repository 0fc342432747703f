"""Names and addresses in English letters (``data/names.csv``): never translated, spelt the
way people write them.

A brand is a name ("पीतल घर" is "Peetal Ghar", not "Brass House"), so it is not looked up
in the glossary. Rule-based transliteration gets many everyday names wrong (प्रजापति comes
out "Prajapti"), and English words written in Devanagari worse (वर्क्स "Varks"), so the
common ones are kept here with their usual spelling: surnames, first names, business words
(वर्क्स Works, एंटरप्राइजेज Enterprises) and address words (गली नं Gali No.). A district keeps
its own English name; anything else is transliterated, and the seller confirms the result
once (``bot/listing/drafts_flow.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bot.reference import districts, glossary, tokens
from bot.reference.rows import ReferenceDataError, read_csv_rows

NAMES_CSV = Path(__file__).resolve().parent / "data" / "names.csv"
COLUMNS = ("latin", "hindi", "variants", "kind", "source")
KINDS = frozenset({"name", "surname", "business", "address"})
_MAX_WORDS = 2
_DEVANAGARI = re.compile("[\u0900-\u097f]")


@dataclass(frozen=True)
class Name:
    latin: str
    hindi: str
    kind: str
    source: str


def _key(text: str) -> str:
    return tokens.normalise(text)


@cache
def _index(path: Path = NAMES_CSV) -> dict[str, Name]:
    index: dict[str, Name] = {}
    for line, row in read_csv_rows(path, COLUMNS, frozenset({"variants"})):
        if row["kind"] not in KINDS:
            raise ReferenceDataError(f"{path.name} line {line}: kind must be one of "
                                     f"{'|'.join(sorted(KINDS))}")
        if _DEVANAGARI.search(row["latin"]) or not _DEVANAGARI.search(row["hindi"]):
            raise ReferenceDataError(f"{path.name} line {line}: latin must be in Latin "
                                     "letters and hindi in Devanagari")
        name = Name(row["latin"], row["hindi"], row["kind"], row["source"])
        spellings = [row["hindi"], *(v for v in row["variants"].split(";") if v.strip())]
        for spelling in spellings:
            key = _key(spelling)
            other = index.get(key)
            if not key or len(key.split()) > _MAX_WORDS or (other and other.latin != name.latin):
                raise ReferenceDataError(f"{path.name} line {line}: {spelling!r} is empty, "
                                         "too long or spelt like another name")
            index[key] = name
    return index


_EDGE = ",.;:()"


def _wrap(word: str, core: str, latin: str) -> str:
    """``latin`` with the punctuation around ``core`` in ``word`` ("नं.," -> "No.,")."""
    start = word.find(core)
    prefix, suffix = word[:start], word[start + len(core):]
    if latin.endswith(".") and suffix.startswith("."):
        suffix = suffix[1:]
    return prefix + latin + suffix


def _word(word: str) -> str:
    core = word.strip(_EDGE)
    if not core or not _DEVANAGARI.search(core):
        return word
    known = _index().get(_key(core))
    district = None if known else districts.district_named(core)
    latin = known.latin if known else district.name_en if district else (
        glossary.transliterate(core))
    return _wrap(word, core, latin)


def latin(text: str | None) -> str:
    """``text`` in Latin letters: known names and words as usually spelt, districts by their
    English name, the rest transliterated. Latin text is returned as it is."""
    if not text or not _DEVANAGARI.search(text):
        return text or ""
    words = text.split()
    out: list[str] = []
    i = 0
    while i < len(words):
        if i + 1 < len(words):
            pair = f"{words[i]} {words[i + 1]}".strip(_EDGE)
            known = _index().get(_key(pair)) if _DEVANAGARI.search(pair) else None
            if known is not None:
                out.append(_wrap(f"{words[i]} {words[i + 1]}", pair, known.latin))
                i += 2
                continue
        out.append(_word(words[i]))
        i += 1
    return " ".join(out)
