"""What a buyer chooses between on one listing: sizes (garments, bangles) and colours,
and how many of each (size, colour or both) are ready to sell.

A product comes in a choice of colours when the seller named two or more colours the
glossary knows (in Hindi or English: "लाल, नीला", "red and blue") and said the buyer picks
one; then each colour, or each size in each colour, is its own variant row in the drafts
and the upload spreadsheet ("… Kurta - Red", "… Kurta - Red - M"). Colours are kept by
their English names (the drafts' words); the seller sees them in her language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.conversation.forms import Answers
from bot.i18n import _, get_locale
from bot.parsing.validators import Choice, Invalid, clean_text, normalise_digits
from bot.reference import categories, glossary, tokens


def size_kind(answers: Answers) -> str | None:
    category = categories.category(answers.get("category") or "")
    return category.size_kind if category else None


GARMENT_SIZES = ("XS", "S", "M", "L", "XL", "XXL", "3XL")
FREE_SIZE = "free"


def garment_sizes(_answers: Answers) -> list[Choice]:
    return [Choice(s, s) for s in GARMENT_SIZES] + [Choice(FREE_SIZE, _("Free size"))]


# Indian bangle sizes: 2 inches and n sixteenths of inner diameter ("2.6" is 2 6/16").
BANGLE_SIZES = ("2.2", "2.4", "2.6", "2.8", "2.10", "2.12")


def bangle_sizes(_answers: Answers) -> list[Choice]:
    return [Choice(s, s) for s in BANGLE_SIZES]


def chosen_sizes(answers: Answers) -> list[str]:
    """The sizes the garment or bangle comes in (one size was a single text before
    variants)."""
    sizes = answers.get("garment_size") or answers.get("bangle_size") or []
    return [sizes] if isinstance(sizes, str) else list(sizes)


def has_sizes(answers: Answers) -> bool:
    return size_kind(answers) in ("garment", "bangle")


_SIZE_WORD = re.compile(r"(?<![A-Z\d.])(3XL|XXXL|XXL|XL|XS|FREE|फ्री|फ़्री|S|M|L|"
                        r"2[.,](?:12|10|2|4|6|8))(?![A-Z\d])", re.I)
# After a size or a number: separators only, never letters, so a number is not taken
# from past the next size ("S 36, M 38 28" must not give S a length of 38).
_NUMBER_AFTER = re.compile(r"[\s:=\-–,;x×/*]*(\d+(?:\.\d+)?)", re.I)


def _size_key(word: str) -> str:
    word = word.upper().replace(",", ".")
    return {"XXXL": "3XL", "FREE": FREE_SIZE, "फ्री": FREE_SIZE, "फ़्री": FREE_SIZE}.get(word, word)


def _per_size(text: str, answers: Answers, count: int) -> dict[str, list[float]]:
    """"S 5, M 10" -> {"S": [5], "M": [10]} (``count`` numbers after each size); a size
    not chosen, or a chosen size left out, is refused naming the sizes to give (the
    question's example is shown again under it)."""
    sizes = chosen_sizes(answers)
    plain = normalise_digits(clean_text(text, 300))
    if len(sizes) == 1 and not _SIZE_WORD.search(plain):
        plain = f"{sizes[0]} {plain}"  # one size: the numbers alone are enough
    found: dict[str, list[float]] = {}
    for match in _SIZE_WORD.finditer(plain):
        numbers, at = [], match.end()
        while len(numbers) < count and (number := _NUMBER_AFTER.match(plain, at)):
            numbers.append(float(number.group(1)))
            at = number.end()
        if len(numbers) == count:
            found[_size_key(match.group(1))] = numbers
    if set(found) != set(sizes):
        raise Invalid(_("Please give it for each size you chose: {sizes}.").format(
            sizes=", ".join(_("Free size") if s == FREE_SIZE else s for s in sizes)))
    return found


def parse_size_stock(text: str, answers: Answers) -> dict[str, int]:
    stock = {size: int(numbers[0]) for size, numbers in _per_size(text, answers, 1).items()}
    if sum(stock.values()) == 0:
        raise Invalid(_("At least one piece must be ready to sell."))
    return stock


def parse_size_chart(text: str, answers: Answers) -> dict[str, list[float]]:
    chart = _per_size(text, answers, 2)
    for chest, length in chart.values():
        if not (14 <= chest <= 70 and 10 <= length <= 60):
            raise Invalid(_("Please give chest and length in inches, for example: M 38 28 "
                            "(chest 38, length 28)."))
    return chart


def show_per_size(value: dict[str, Any], _answers: Answers) -> str:
    def one(size: str, v: Any) -> str:
        name = _("Free size") if size == FREE_SIZE else size
        return f"{name} {v}" if not isinstance(v, list) else f"{name} {v[0]:g}″ × {v[1]:g}″"
    return ", ".join(one(size, v) for size, v in value.items())



# ------------------------------------------------------------------------- colours

EACH, ONE = "each", "one"  # colour_choice: the buyer picks a colour / all on one piece
_NOT_A_CHOICE = frozenset({"Multicolour", "Colourful"})  # a look, not a colour to pick
_JOINING = frozenset({"and", "or", "with", "&", "/"})


def colours_in(text: str | None) -> tuple[list[str], list[str]]:
    """(English colour names, words that are not a known colour) in a colours answer,
    Hindi or English: "लाल और नीला" -> (["Red", "Blue"], [])."""
    toks = [t for t in tokens.tokenize(text or "") if t.key not in tokens.GRAMMAR
            and t.key not in tokens.CONJUNCTIONS and t.key not in _JOINING
            and t.script != "amp"]
    found: list[str] = []
    unknown: list[str] = []
    at = 0
    while at < len(toks):
        for size in (3, 2, 1):
            entry = glossary.entry_for(toks[at:at + size]) if at + size <= len(toks) else None
            if entry is not None and entry.kind == "colour":
                found.append(entry.english)
                at += size
                break
        else:
            unknown.append(toks[at].text)
            at += 1
    return list(dict.fromkeys(found)), unknown


def colour_options(answers: Answers) -> list[str]:
    """The colours a buyer could pick between: two or more, every word a known colour."""
    found, unknown = colours_in(answers.get("colours"))
    if unknown or len(found) < 2 or _NOT_A_CHOICE & set(found):
        return []
    return found


def has_colour_choice(answers: Answers) -> bool:
    return answers.get("colour_choice") == EACH and len(colour_options(answers)) > 1


def colour_label(english: str) -> str:
    """A colour in the reader's language (the glossary's Hindi side in Hindi)."""
    entry = glossary.find(english)
    return entry.hindi if entry is not None and get_locale() == "hi" else english


def colour_choices(_answers: Answers) -> list[Choice]:
    return [Choice(EACH, _("Buyer picks one")), Choice(ONE, _("All on one piece"))]


def key(size: str | None, colour: str) -> str:
    """A variant's key in the stock answer: "Red", or "M|Red" with sizes."""
    return f"{size}|{colour}" if size else colour


def _variant_keys(answers: Answers) -> list[tuple[str | None, str]]:
    sizes: list[str | None] = list(chosen_sizes(answers)) if has_sizes(answers) else [None]
    return [(size, colour) for size in sizes for colour in colour_options(answers)]


def _size_of(text: str, sizes: list[str]) -> str | None:
    match = _SIZE_WORD.fullmatch(text)
    found = _size_key(match.group(1)) if match else None
    return found if found in sizes else None


def parse_colour_stock(text: str, answers: Answers) -> dict[str, int]:
    """"लाल 5, नीला 3", or with sizes "S लाल 2 नीला 3, M लाल 4 नीला 1": a number belongs
    to the colour before it, in the size before that. Every variant must be given."""
    sizes = chosen_sizes(answers) if has_sizes(answers) else []
    wanted = _variant_keys(answers)
    toks = tokens.tokenize(normalise_digits(clean_text(text, 400)))
    size: str | None = sizes[0] if len(sizes) == 1 else None
    colour: str | None = None
    stock: dict[str, int] = {}
    at = 0
    while at < len(toks):
        token = toks[at]
        if sizes and (found := _size_of(token.text, sizes)) is not None:
            size, colour, at = found, None, at + 1
            continue
        for width in (3, 2, 1):
            entry = glossary.entry_for(toks[at:at + width]) if at + width <= len(toks) else None
            if entry is not None and entry.kind == "colour":
                colour, at = entry.english, at + width
                break
        else:
            if token.script == "num" and token.text.isdigit() and colour is not None \
                    and (size is not None or not sizes):
                stock[key(size, colour)] = int(token.text)
            at += 1
    missing = [(s, c) for s, c in wanted if key(s, c) not in stock]
    if missing:
        raise Invalid(_("Please give the number for each: {variants}.").format(
            variants=", ".join(show_variant(s, c) for s, c in missing)))
    if not any(stock.values()):
        raise Invalid(_("At least one piece must be ready to sell."))
    return {key(s, c): stock[key(s, c)] for s, c in wanted}


def show_variant(size: str | None, colour: str) -> str:
    name = colour_label(colour)
    return f"{_('Free size') if size == FREE_SIZE else size} {name}" if size else name


def show_colour_stock(value: dict[str, int], _answers: Answers) -> str:
    return ", ".join(f"{show_variant(*split(k))} {n}" for k, n in value.items())


def split(variant_key: str) -> tuple[str | None, str]:
    size, _bar, colour = variant_key.rpartition("|")
    return size or None, colour


@dataclass(frozen=True)
class Variant:
    """One row a buyer picks: its size ("" for none), colour ("" for none) and stock."""

    size: str
    colour: str
    stock: int

    @property
    def name(self) -> str:
        """"Red - M", "M", "Red": what follows the title on the row."""
        return " - ".join(p for p in (self.colour, self.size) if p)


def _size_name(size: str) -> str:
    return "Free Size" if size == FREE_SIZE else size


def of(answers: dict[str, Any]) -> list[Variant]:
    """The product's variant rows: per colour, per size, or per size in each colour
    (none for a product in one size and one colour scheme)."""
    if has_colour_choice(answers) and answers.get("colour_stock"):
        return [Variant(_size_name(s) if s else "", c, int(n))
                for s, c, n in ((*split(k), n) for k, n in answers["colour_stock"].items())]
    stock = answers.get("size_stock") or {}
    if len(stock) < 2:
        return []
    return [Variant(_size_name(size), "", int(count)) for size, count in stock.items()]


def stock_per_size(answers: dict[str, Any]) -> dict[str, int]:
    """Pieces per size, summed over the colours where the stock was given per colour."""
    if not (has_colour_choice(answers) and answers.get("colour_stock")):
        return dict(answers.get("size_stock") or {})
    out: dict[str, int] = {}
    for variant_key, count in answers["colour_stock"].items():
        size, _colour = split(variant_key)
        if size:
            out[size] = out.get(size, 0) + int(count)
    return out
