"""Titles per marketplace from structured attributes (issue 24 §1).

Each marketplace's ``title_order`` and ``title_max`` (marketplaces.toml, with sources) say
which attributes go in and how long it may be. A title never says a word twice: the seller's
name, material and colour often repeat one another ("Red Green Set" in red, green and
golden). The size in a title is the size a buyer picks (a garment's "M", a bangle's "2.6",
a saree's length); a box's dimensions only where a marketplace's order names
``dimensions``. A variant row carries its own size ("… Kurta - M"), never the list of all.
"""

from __future__ import annotations

import re

from bot.i18n import LOCALES, gettext, use_locale

# Words that join others may repeat ("Red and Green Cotton and Silk" is fine).
_JOINERS = frozenset({"and", "of", "with", "for", "&", "-", "in", "the", "a"})
_PACK_WORDS = frozenset({"set", "pack", "sets", "packs"})
_WORD = re.compile(r"[^\W_]+(?:[.'][^\W_]+)*", re.U)
COPY_MARKER = " (copy)"  # the msgid the product card appends to a duplicate's name


def _copy_markers() -> tuple[str, ...]:
    found = {COPY_MARKER.strip()}
    for locale in LOCALES:
        with use_locale(locale):
            found.add(gettext(COPY_MARKER).strip())
    return tuple(sorted(found, key=len, reverse=True))


_MARKERS: tuple[str, ...] | None = None


def without_copy_marker(name: str) -> str:
    """The seller's name without the bot's own "(copy)" / "(कॉपी)" marker (a duplicate's
    name carried it before the marker stayed out of the stored name): the bot's words are
    never translated as if the seller wrote them."""
    global _MARKERS
    if _MARKERS is None:
        _MARKERS = _copy_markers()
    text = name.rstrip()
    changed = True
    while changed:
        changed = False
        for marker in _MARKERS:
            if text.lower().endswith(marker.lower()):
                text, changed = text[: -len(marker)].rstrip(), True
    return text


def _stem(word: str) -> str:
    """The word as compared: case and a plural s do not make a new word."""
    word = word.lower()
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def unique_parts(parts: list[str]) -> list[str]:
    """Each part with the words said before it removed (case-insensitive, plurals alike);
    joiners left dangling at either end of a part go too."""
    seen: set[str] = set()
    out = []
    for part in parts:
        if _orphaned(part, seen):
            out.append("")
            continue
        kept = []
        for word in part.replace(",", " , ").split():
            if not _WORD.search(word) and word not in ("&", "-"):
                kept.append(word)
                continue
            stem = _stem(word.strip(",.;"))
            if stem in _JOINERS:
                kept.append(word)
            elif stem not in seen:
                seen.add(stem)
                kept.append(word)
        while kept and (kept[0] in (",", "-", "&") or _stem(kept[0]) in _JOINERS):
            kept.pop(0)
        while kept and (kept[-1] in (",", "-", "&") or _stem(kept[-1]) in _JOINERS):
            kept.pop()
        text = " ".join(kept).replace(" , ", ", ").replace(" ,", ",")
        text = re.sub(r"(,\s*)+", ", ", text).strip(" ,")
        out.append(text)
    return out


def _orphaned(part: str, seen: set[str]) -> bool:
    """A plain phrase whose head word was said already ("Genuine Leather" after "Leather
    Wallet"): what is left is a dangling adjective ("… Card Slots Genuine"), so it goes
    whole. Lists, numbers and joined phrases keep their other words."""
    words = part.split()
    if len(words) < 2 or "," in part or any(ch.isdigit() for ch in part):
        return False
    if any(_stem(w) in _JOINERS or not _WORD.search(w) for w in words):
        return False
    return _stem(words[-1].strip(".;")) in seen


def without_pack_words(product: str) -> str:
    """"Bangle Set" -> "Bangle" when the pack says "Set of 12"."""
    kept = [w for w in product.split() if w.lower() not in _PACK_WORDS]
    return " ".join(kept) if kept else product


def pack_text(unit: str, pieces: int | None) -> str:
    """"Set of 12" for goods sold by number (Legal Metrology's count, in the title too)."""
    if unit == "set" and pieces and pieces > 1:
        return f"Set of {pieces}"
    return ""


def ordered_parts(pieces: dict[str, str], order: tuple[str, ...]) -> list[str]:
    """The title's parts in the marketplace's order, each of the product's words said once.
    The brand is a name, not a description: "Sunita Glass Works" keeps the vase "Glass"."""
    chosen = dict(pieces)
    if chosen.get("pack"):
        chosen["product"] = without_pack_words(chosen.get("product", ""))
    described = iter(unique_parts([chosen.get(key, "") for key in order if key != "brand"]))
    parts = [chosen.get("brand", "") if key == "brand" else next(described) for key in order]
    return [p for p in parts if p]


def variant_title(title: str, size: str, limit: int) -> str:
    """A variant row's title: the product's title and its own size ("… Kurta - M"),
    shortened word by word if the pair would pass the limit."""
    suffix = f" - {size}"
    words = title.split()
    while words and len(" ".join(words)) + len(suffix) > limit:
        words.pop()
    return " ".join(words) + suffix if words else size
