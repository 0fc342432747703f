"""Devanagari -> readable Latin without diacritics ("सुनीता" -> "Sunita"), for words the
craft glossary does not know and for names: consonants with their inherent vowel, matras,
nukta letters, and the schwa a Hindi speaker does not say (dropped at a word's end and
between consonants where the spoken word drops it)."""

from __future__ import annotations

import re
import unicodedata

DEVANAGARI_RE = re.compile("[\u0900-\u097f\ua8e0-\ua8ff\u1cd0-\u1cff]")
_DEVANAGARI_RUN = re.compile("[\u0900-\u0963\u0971-\u097f\ua8e0-\ua8ff\u1cd0-\u1cff]+")
ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)

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
    text = unicodedata.normalize("NFC", word).translate(ZERO_WIDTH)
    text = "".join(str(unicodedata.decimal(c)) if unicodedata.decimal(c, None) is not None
                   else c for c in text)
    text = _DEVANAGARI_RUN.sub(lambda m: _transliterate_run(m.group()), text)
    return DEVANAGARI_RE.sub("", text)  # dandas and other signs
