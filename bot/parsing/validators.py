"""Check and tidy what sellers type: names, phone numbers, tax and bank codes.

Every parser takes raw message text and returns a clean canonical value, a ``Warned``
(accepted, but tell the seller something), or raises ``Invalid`` whose ``.message`` is
ready to send. Messages are translated when raised, so they follow the locale of the
update being handled, not the locale at import time.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from bot.i18n import _, format_number


class Invalid(ValueError):
    """Input that cannot be accepted; .message is already translated for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Warned:
    """Input accepted, with a warning to show the user (already translated)."""

    value: Any
    warning: str


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


class Suggest(Exception):
    """Raised by a parser that is not sure: offer these choices ("did you mean ...?").

    ``confirm``: the answer parsed but looks implausible ("₹5 for one piece?"); its one
    choice has the value ``CONFIRM``. The form engine keeps the typed text in the form
    state, and the button only says "yes": pressing it parses the kept text again inside
    ``confirming()``, so no value ever travels in button data or in text typed back.
    """

    def __init__(self, message: str, choices: list[Choice], *, confirm: bool = False):
        super().__init__(message)
        self.message = message
        self.choices = choices
        self.confirm = confirm


CONFIRM = "="  # the value of the "yes, that is right" choice of a confirm Suggest
CHANGE = "~"  # the value of "no, let me type it again" beside it (``check_back``)
_confirming: ContextVar[bool] = ContextVar("confirming", default=False)


@contextmanager
def confirming() -> Iterator[None]:
    """Parse as the seller confirmed: plausibility questions pass, every hard check stays."""
    token = _confirming.set(True)
    try:
        yield
    finally:
        _confirming.reset(token)


def unsure(message: str, label: str) -> None:
    """Ask "is that right?" with one button, unless the seller already confirmed it."""
    if not _confirming.get():
        raise Suggest(message, [Choice(CONFIRM, label)], confirm=True)


def check_back(message: str, yes: str, change: str) -> None:
    """Always say what was understood and ask "right?", with yes and change buttons
    (dates: "सोमवार 15 दिसंबर, सुबह 11:00 — सही?"); passes once confirmed."""
    if not _confirming.get():
        raise Suggest(message, [Choice(CONFIRM, yes), Choice(CHANGE, change)], confirm=True)


# --- text helpers -----------------------------------------------------------------

_JOINERS = frozenset("\u200c\u200d")  # ZWNJ, ZWJ: they change how conjuncts render
_DASHES = frozenset("\u2212")  # minus sign is category Sm, but people use it as a dash


def normalise_digits(text: str) -> str:
    """Turn every Unicode decimal digit (Devanagari, full-width, Bengali...) into 0-9.

    The one digit normaliser: every parser that reads a number goes through it. Characters
    that only look like digits (², ①, ½, Ⅻ) stay as they are, and are no number: Python's
    ``str.isdigit()`` is true for ² and ①, but ``int()`` refuses them, so a parser checks
    with ``is_number()`` (ASCII digits only), never ``isdigit()`` alone."""
    return "".join(_ascii_digit(ch) for ch in text)


MAX_NUMBER_DIGITS = 18  # int() refuses over 4,300 digits; any real answer is far shorter


def is_number(text: str) -> bool:
    """Plain ASCII digits 0-9 only (after ``normalise_digits``), and not absurdly long."""
    return text.isascii() and text.isdigit() and len(text.lstrip("0")) <= MAX_NUMBER_DIGITS


def whole_number(text: str) -> int | None:
    """A whole number typed in any script's decimal digits ("१२", "１２", " 12 "); None for
    anything else, look-alike digits (², ①) included."""
    digits = normalise_digits(text.strip())
    return int(digits) if is_number(digits) else None


def _ascii_digit(ch: str) -> str:
    value = unicodedata.decimal(ch, None)
    return ch if value is None else str(value)


def _fold(text: str) -> str:
    """NFKC (full-width ＳＢＩＮ → SBIN) with decimal digits made ASCII, except that a
    look-alike digit stays itself: NFKC would turn ² and ① into 2 and 1."""
    return "".join(ch if unicodedata.numeric(ch, None) is not None
                   and unicodedata.decimal(ch, None) is None
                   else unicodedata.normalize("NFKC", _ascii_digit(ch)) for ch in text)


def _is_devanagari(ch: str) -> bool:
    return "\u0900" <= ch <= "\u097f" or "\ua8e0" <= ch <= "\ua8ff"


def _joiner_in_word(text: str, i: int) -> bool:
    # A joiner only matters between two Devanagari characters (e.g. क्‍ष); anywhere
    # else it is invisible junk that breaks searching and matching.
    return 0 < i < len(text) - 1 and _is_devanagari(text[i - 1]) and _is_devanagari(text[i + 1])


def _strip_controls(text: str) -> str:
    """Whitespace (including newlines) becomes a space; other Cc/Cf characters go.

    The one place that cleans text one person writes for others to read (workshop titles
    and descriptions, broadcasts, help messages, product fields: all through
    ``clean_text``). Cf holds the bidi overrides and isolates (U+202A-202E, U+2066-2069)
    and the direction marks (U+200E/F), which could reorder what a seller sees."""
    out = []
    for i, ch in enumerate(text):
        if ch.isspace():  # checked first: "\n" and "\t" are Cc too
            out.append(" ")
        elif (unicodedata.category(ch) not in ("Cc", "Cf")
              or ch in _JOINERS and _joiner_in_word(text, i)):
            out.append(ch)
    return "".join(out)


def _tidy(text: str) -> str:
    """Clean text without judging it: controls out, NFC, single spaces, stripped."""
    # NFC after stripping, so marks that were separated by junk can compose.
    text = unicodedata.normalize("NFC", _strip_controls(text))
    return " ".join(text.split())


def tidy(text: str) -> str:
    """Any text read from a user without a limit of its own (command arguments)."""
    return _tidy(text)


def _check_length(text: str, max_len: int) -> str:
    if len(text) > max_len:
        raise Invalid(_("That is {length} characters; the limit here is {limit}. "
                        "Please make it shorter.").format(
            length=format_number(len(text)), limit=format_number(max_len)))
    return text


def _has(text: str, *categories: str) -> bool:
    """True if any character's Unicode category starts with one of ``categories``."""
    return any(unicodedata.category(ch).startswith(categories) for ch in text)


def clean_text(text: str, max_len: int) -> str:
    """Free text (descriptions, addresses): tidied, non-empty, at most ``max_len`` long."""
    cleaned = _tidy(text)
    if not cleaned:
        raise Invalid(_("That message was empty. Please type a few words."))
    return _check_length(cleaned, max_len)


def parse_name(text: str) -> str:
    name = _tidy(text)
    if not _has(name, "L"):  # also catches empty, digits-only and emoji-only input
        raise Invalid(_("Please type your name in letters, like Sunita Devi."))
    return _check_length(name, 80)


def parse_business_name(text: str) -> str:
    name = _tidy(text)
    if not _has(name, "L") and sum(unicodedata.category(ch) == "Nd" for ch in name) >= 7:
        # A mobile number typed one question early, not a shop's name ("786" is a name).
        raise Invalid(_("That looks like a number. Please type the name of your business, "
                        "like Banaras Silk House, or press “Skip ▶”. Your mobile number is "
                        "the next question."))
    if not _has(name, "L", "Nd"):
        raise Invalid(_("Please type the name of your business, like Banaras Silk House."))
    return _check_length(name, 100)


# --- codes --------------------------------------------------------------------------


def _compact(text: str) -> str:
    """Upper-case ASCII form of a typed code, with spaces, dashes and junk removed."""
    # NFKC is safe here because codes are plain ASCII: it folds full-width letters
    # and digits (ＳＢＩＮ０１) that some phone keyboards produce.
    text = _fold(text).upper()
    return "".join(ch for ch in text if not _is_separator(ch))


def _is_separator(ch: str) -> bool:
    return (ch.isspace() or ch in _DASHES
            or unicodedata.category(ch) in ("Cc", "Cf", "Pd"))


# --- mobile -------------------------------------------------------------------------

_PHONE_CHARS = re.compile(r"[0-9+().\s-]+")


def parse_mobile(text: str) -> str:
    """Indian mobile number in E.164 form, e.g. "+919876543210"."""
    raw = _fold(_strip_controls(text))
    raw = "".join("-" if ch in _DASHES or unicodedata.category(ch) == "Pd" else ch
                  for ch in raw).strip()
    if not _PHONE_CHARS.fullmatch(raw) or raw.count("+") > 1:
        raise _mobile_error()
    digits = _national_number(re.sub(r"\D", "", raw), international="+" in raw)
    if len(digits) != 10 or digits[0] not in "6789":
        raise _mobile_error()
    return "+91" + digits


def _national_number(digits: str, international: bool) -> str:
    """Drop the +91 / 0091 / 91 / 0 prefix people add in front of the 10 digits."""
    if international:
        if not digits.startswith("91"):
            raise Invalid(_("Please give an Indian mobile number, like +91 98765 43210."))
        digits = digits[2:]
        # "+91 098765 43210": the trunk 0 does not belong after +91, but it is clear.
        return digits[1:] if len(digits) == 11 and digits[0] == "0" else digits
    for prefix in ("0091", "91", "0"):
        if len(digits) == 10 + len(prefix) and digits.startswith(prefix):
            return digits[len(prefix):]
    return digits


def _mobile_error() -> Invalid:
    return Invalid(_("A mobile number has 10 digits and starts with 6, 7, 8 or 9, "
                     "like 98765 43210. Please check and type it again."))


# --- email --------------------------------------------------------------------------

_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_EMAIL = re.compile(rf"(?P<local>{_ATOM}(?:\.{_ATOM})*)"
                    rf"@(?P<domain>(?:{_LABEL}\.)+[A-Za-z]{{2,63}})")


def parse_email(text: str) -> str:
    email = unicodedata.normalize("NFKC", _strip_controls(text)).strip()
    match = _EMAIL.fullmatch(email)
    if not match or len(email) > 254 or len(match["local"]) > 64:
        raise Invalid(_("That email address does not look right. It should look like "
                        "name@gmail.com. Please check and type it again."))
    # Domains are case-insensitive; the part before @ may not be, so keep it as typed.
    return f"{match['local']}@{match['domain'].lower()}"


# --- PAN and GSTIN ------------------------------------------------------------------

_PAN = re.compile(r"[A-Z]{5}[0-9]{4}[A-Z]")
_PAN_HOLDER_TYPES = "PCHFATBLJG"  # Person, Company, HUF, Firm, AOP, Trust, BOI, ...


def parse_pan(text: str) -> str:
    pan = _compact(text)
    if not _PAN.fullmatch(pan):
        raise Invalid(_("A PAN has 10 characters, like ABCPE1234F. "
                        "Please check and type it again."))
    if pan[3] not in _PAN_HOLDER_TYPES:
        raise Invalid(_("The 4th letter of a PAN shows who holds it, like P for a person "
                        "or F for a firm. '{letter}' is not used there. Please check your "
                        "PAN card.").format(letter=pan[3]))
    return pan


_BASE36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_GSTIN = re.compile(r"[0-9]{2}[A-Z0-9]{13}")
_GST_STATES = {f"{n:02d}" for n in range(1, 39)} | {"97", "99"}
_UP_GST_STATE = "09"


def _gstin_check_char(first14: str) -> str:
    """Official GSTIN check character: Luhn mod 36 over the first 14 characters."""
    total = 0
    for i, ch in enumerate(first14):
        product = _BASE36.index(ch) * (1 if i % 2 == 0 else 2)
        total += product // 36 + product % 36
    return _BASE36[(36 - total % 36) % 36]


def parse_gstin(text: str) -> str | Warned:
    gstin = _compact(text)
    if not _GSTIN.fullmatch(gstin):
        raise Invalid(_("A GSTIN has 15 characters, like 09ABCPE1234F1Z9. "
                        "Please check and type it again."))
    state, pan = gstin[:2], gstin[2:12]
    if state not in _GST_STATES:
        raise Invalid(_("A GSTIN starts with a state code, like 09 for Uttar Pradesh. "
                        "{code} is not a state code. Please check and type it again."
                        ).format(code=state))
    if not _PAN.fullmatch(pan) or pan[3] not in _PAN_HOLDER_TYPES:
        raise Invalid(_("Characters 3 to 12 of a GSTIN are your PAN, like ABCPE1234F. "
                        "Here they do not look like a PAN. Please check and type it again."))
    if _gstin_check_char(gstin[:14]) != gstin[14]:
        raise Invalid(_("One character of this GSTIN seems mistyped. Please compare it "
                        "with your GST certificate and type it again."))
    if state != _UP_GST_STATE:
        return Warned(gstin, _("This GSTIN is from state code {code}, not Uttar Pradesh "
                               "(09). That is fine if your business is registered there; "
                               "marketplaces need your pickup address in the same state."
                               ).format(code=state))
    return gstin


# --- Udyam, IFSC, PIN, GST enrolment ID ---------------------------------------------

_UDYAM = re.compile(r"(?:UDYAM)?([A-Z]{2})([0-9]{2})([0-9]{7})")


def parse_udyam(text: str) -> str | Warned:
    # Sellers often leave out the "UDYAM" word; the rest is still unambiguous.
    match = _UDYAM.fullmatch(_compact(text))
    if not match:
        raise Invalid(_("A Udyam number looks like UDYAM-UP-12-0001234. It is on your "
                        "Udyam certificate. Please check and type it again."))
    state = match[1]
    udyam = "UDYAM-" + "-".join(match.groups())
    if state != "UP":
        return Warned(udyam, _("This Udyam number is from state {code}, not Uttar Pradesh "
                               "(UP). That is fine if your business is registered there."
                               ).format(code=state))
    return udyam


_IFSC = re.compile(r"[A-Z]{4}0[A-Z0-9]{6}")


def parse_ifsc(text: str) -> str:
    ifsc = _compact(text)
    # The 5th character is always zero; the letter O there is a common slip.
    if len(ifsc) == 11 and ifsc[4] == "O":
        ifsc = ifsc[:4] + "0" + ifsc[5:]
    if not _IFSC.fullmatch(ifsc):
        raise Invalid(_("An IFSC code has 11 characters, like SBIN0001234. It is printed "
                        "on your cheque book and passbook. Please check and type it again."))
    return ifsc


_PIN = re.compile(r"[1-9][0-9]{5}")
_UP_PIN_PREFIXES = {str(n) for n in range(20, 29)}  # UP postal circle: 20xxxx-28xxxx


def parse_pin(text: str) -> str | Warned:
    pin = _compact(text)
    if not _PIN.fullmatch(pin):
        raise Invalid(_("A PIN code has 6 digits, like 282001. "
                        "Please check and type it again."))
    if pin[:2] not in _UP_PIN_PREFIXES:
        return Warned(pin, _("PIN code {pin} is not in Uttar Pradesh. That is fine if "
                             "your workshop is outside UP; otherwise please check it."
                             ).format(pin=pin))
    return pin


_ENROLMENT_ID = re.compile(r"[A-Z0-9]{10,20}")


def parse_gst_enrolment_id(text: str) -> str:
    # The official format is not confirmed, so only the shape is checked.
    enrolment_id = _compact(text)
    if not _ENROLMENT_ID.fullmatch(enrolment_id):
        raise Invalid(_("A GST enrolment ID has 10 to 20 letters and numbers, with no "
                        "other signs. Please check and type it again."))
    return enrolment_id


# --- yes / no -----------------------------------------------------------------------

_YES = frozenset({
    "yes", "y", "haan", "han", "ha", "haa", "ji", "ji haan", "haan ji", "ok", "okay", "1",
    "हाँ", "हां", "हा", "जी", "जी हाँ", "जी हां", "हाँ जी", "हां जी",
})
_NO = frozenset({
    "no", "n", "nahi", "nahin", "nhi", "na", "ji nahi", "ji nahin", "nahi ji", "0",
    "नहीं", "नही", "ना", "जी नहीं", "जी नही", "नहीं जी",
})
_TRAILING_PUNCTUATION = ".!?।,"


def parse_yes_no(text: str) -> bool:
    answer = normalise_digits(_tidy(text)).casefold().rstrip(_TRAILING_PUNCTUATION).strip()
    if answer in _YES:
        return True
    if answer in _NO:
        return False
    raise Invalid(_("Please reply yes or no. You can also send 1 for yes or 0 for no."))
