"""Numbers as people type them: "Rs. 1,200/-", "₹1200", "१२००", "1.5 kg", "500 gm",
"30x20x10", "३० × २० × १०", "5.5 m", "10 ml".

Each parser returns a plain number (rupees as Decimal, grams, centimetres...) or raises
``Invalid``. Values that parse but look implausible are questioned, not stored: the parser
raises the form engine's confirm ``Suggest`` (``unsure``); the engine keeps the typed text
and, when the seller presses "yes", parses it again inside ``confirming()``. A confirmed
value passes the same hard checks (a number, above zero, at most ``MAX_DIGITS`` digits).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from bot.i18n import _, format_money, format_number, ngettext
from bot.parsing.validators import Choice, Invalid, Suggest, clean_text, normalise_digits, unsure

# Whole-number digits a quantity may have: ₹9.99 crore, 99 tonnes. Longer numbers are typos,
# and would overflow Decimal's 28-digit arithmetic (quantize) before any range check.
MAX_DIGITS = 8

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _plain(text: str) -> str:
    return normalise_digits(clean_text(text, 60)).lower()


def _decimal(token: str) -> Decimal:
    """'1,200' -> 1200; '1,23,456.50' -> 123456.50; '1.5' -> 1.5; '1,5' (decimal comma) -> 1.5"""
    if token.count(",") == 1 and re.fullmatch(r"\d+,\d{1,2}", token):
        token = token.replace(",", ".")
    token = token.replace(",", "")
    if len(token.split(".")[0].lstrip("0")) > MAX_DIGITS:
        raise Invalid(_("That number is too long. Please check it and type it again."))
    try:
        return Decimal(token)
    except InvalidOperation:
        raise Invalid(_("Please type a number, for example 1200.")) from None


def parse_rupees(text: str, *, low: int = 10, high: int = 500_000) -> Decimal:
    """"Rs. 1,200/-", "₹1200", "१२०० रुपये", "1200.50" -> Decimal("1200.50")."""
    numbers = _NUMBER.findall(_plain(text))
    if len(numbers) != 1:
        raise Invalid(_("Please type the amount in rupees, for example 1200."))
    amount = _decimal(numbers[0]).quantize(Decimal("0.01"))
    if amount <= 0:
        raise Invalid(_("Please type an amount above zero."))
    if amount == amount.to_integral_value():
        amount = amount.quantize(Decimal(1))
    if not low <= amount <= high:
        unsure(_("{amount} for one piece? Please check. If it is right, press the "
                 "button.").format(amount=format_money(amount)),
               _("Yes, {amount} is right").format(amount=format_money(amount)))
    return Decimal(amount)


_WEIGHT_UNITS = {"kg": 1000, "kgs": 1000, "kilo": 1000, "किलो": 1000, "किग्रा": 1000,
                 "g": 1, "gm": 1, "gms": 1, "gram": 1, "grams": 1, "gr": 1, "ग्राम": 1,
                 "ग्रा": 1}


def parse_grams(text: str, *, low: int = 1, high: int = 30_000) -> int:
    """"1.5 kg" -> 1500, "500 gm" -> 500, "५०० ग्राम" -> 500, "750" -> 750 (grams)."""
    plain = _plain(text)
    numbers = _NUMBER.findall(plain)
    if len(numbers) != 1:
        raise Invalid(_("Please type the weight with its unit, for example 500 g or 1.5 kg."))
    unit_text = re.sub(r"[\d.,\s]", "", plain.replace(numbers[0], "", 1))
    factor = _WEIGHT_UNITS.get(unit_text, 1 if unit_text == "" else None)
    if factor is None:
        raise Invalid(_("Please type the weight with its unit, for example 500 g or 1.5 kg."))
    grams = int((_decimal(numbers[0]) * factor).to_integral_value())
    if grams <= 0:
        raise Invalid(_("Please type a weight above zero."))
    if not low <= grams <= high:
        shown = format_number(grams)
        unsure(_("{grams} grams? Please check. If it is right, press the button.")
               .format(grams=shown), _("Yes, {grams} g is right").format(grams=shown))
    return grams


_DIM_SPLIT = re.compile(r"\s*(?:x|×|\*|by|बाई)\s*")


def parse_dimensions(text: str, *, high: int = 300) -> list[float]:
    """"30x20x10", "३० × २० × १० cm", "30 by 20 by 10" -> [30, 20, 10] (cm, L × W × H)."""
    plain = _plain(text)
    unit = 1.0
    if re.search(r"(?<![a-z])(inch|inches|in|इंच)\b|\"", plain):
        unit = 2.54
    elif re.search(r"\bmm\b", plain):
        unit = 0.1
    plain = re.sub(r"(cm|सेमी|सेंटीमीटर|inches|inch|इंच|mm|\")", " ", plain)
    parts = [p for p in _DIM_SPLIT.split(plain.strip()) if p.strip()]
    if len(parts) != 3 or not all(_NUMBER.fullmatch(p.strip()) for p in parts):
        raise Invalid(_("Please type length × width × height in cm, for example 30x20x10."))
    values = [round(float(_decimal(p.strip())) * unit, 1) for p in parts]
    if any(v <= 0 for v in values):
        raise Invalid(_("Please type sizes above zero."))
    if max(values) > high:
        joined = "x".join(f"{v:g}" for v in values)
        unsure(_("{size} cm is very big. Please check. If it is right, press the "
                 "button.").format(size=joined.replace("x", " × ")), _("Yes, it is right"))
    return values


# Counts as people say them: a dozen is 12 ("1 दर्जन", "1 darjan", "1 dozen"); a pair
# ("2 जोड़ी", "pair") is 2 pieces or 1 of something sold in pairs, so it is asked, never
# guessed; "सेट में 6" is 6 (the number said). Folded to lower case first.
_DOZEN = re.compile(r"(दर्जन|दरजन|darjan|darzan|darjen|dozen|dozens|doz|dz)")
_PAIR = re.compile(r"(जोड़ी|जोड़ी|जोड़े|जोड़े|जोडी|जोड़ा|jodi|jori|jodee|joda|pair|pairs)")
# The word alone ("दर्जन", "ek darjan", "a pair") means one of it.
_ONE = re.compile(r"^\s*(एक|ek|a|one)?\s*(दर्जन|दरजन|darjan|darzan|dozen|जोड़ी|जोड़ी|जोडी|जोड़ा|"
                  r"jodi|jori|joda|pair)\s*$")


def parse_count(text: str, *, high: int = 100_000) -> int:
    """Stock and pieces: "25", "२५ पीस" -> 25; "1 दर्जन", "1 darjan", "2 dozen" -> 12, 24;
    "2 जोड़ी" or "2 pairs" -> asked: 4 pieces or 2 (pairs); "सेट में 6" -> 6."""
    plain = _plain(text)
    if _ONE.match(plain):
        plain = "1 " + plain
    numbers = _NUMBER.findall(plain)
    if len(numbers) != 1 or "." in numbers[0]:
        raise Invalid(_("Please type a whole number, for example 25."))
    count = int(_decimal(numbers[0]))
    if _DOZEN.search(plain):
        count *= 12
    elif _PAIR.search(plain) and count > 0:
        # Asked: "2 जोड़ी" of bangles is 4 pieces; of earrings sold by the pair it is 2.
        pieces, pairs = format_number(count * 2), format_number(count)
        raise Suggest(ngettext("{pairs} pair: is that {pieces} pieces, or 1 (sold by the "
                               "pair)?", "{pairs} pairs: is that {pieces} pieces, or {pairs} "
                               "(sold by the pair)?", count).format(pairs=pairs, pieces=pieces),
                      [Choice(str(count * 2), _("{pieces} pieces").format(pieces=pieces)),
                       Choice(str(count), ngettext("{pairs} pair", "{pairs} pairs", count)
                              .format(pairs=pairs))])
    if count > high:
        unsure(_("{count} pieces? Please check. If it is right, press the button.")
               .format(count=format_number(count)), _("Yes, it is right"))
    return count


def parse_measure(text: str, units: dict[str, float], default: float, *, low: float,
                  high: float, example: str) -> float:
    """A single measure with a unit: saree length in metres, attar in ml."""
    plain = _plain(text)
    numbers = _NUMBER.findall(plain)
    if len(numbers) != 1:
        raise Invalid(_("Please type a number, for example {example}.").format(example=example))
    unit_text = re.sub(r"[\d.,\s]", "", plain.replace(numbers[0], "", 1))
    factor = units.get(unit_text, default if unit_text == "" else None)
    if factor is None:
        raise Invalid(_("Please type a number, for example {example}.").format(example=example))
    value = round(float(_decimal(numbers[0])) * factor, 2)
    if not low <= value <= high:
        unsure(_("{value}? Please check. If it is right, press the button.").format(
            value=f"{value:g}"), _("Yes, it is right"))
    return value


METRES = {"m": 1.0, "mtr": 1.0, "meter": 1.0, "metre": 1.0, "meters": 1.0, "metres": 1.0,
          "मीटर": 1.0, "yard": 0.9144, "yards": 0.9144, "गज": 0.9144}
MILLILITRES = {"ml": 1.0, "मिली": 1.0, "मिलीलीटर": 1.0, "l": 1000.0, "ltr": 1000.0,
               "litre": 1000.0, "liter": 1000.0, "लीटर": 1000.0}
