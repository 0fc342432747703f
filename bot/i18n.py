"""Translations: English msgids, catalogs in ``locales/``, the locale chosen per update.

The locale lives in a ContextVar, so two updates handled concurrently never see each
other's language. Mark strings that are declared at import time with ``N_`` and translate
them with ``_`` when they are shown.
"""

from __future__ import annotations

import gettext as _gettext
import io
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "locales"
DOMAIN = "messages"
LOCALES = ("hi", "en")
DEFAULT_LOCALE = "en"
# Babel locale used for numbers: both give Indian digit grouping (12,34,567).
_BABEL_LOCALE = {"hi": "hi_IN", "en": "en_IN"}

_current: ContextVar[str] = ContextVar("locale", default=DEFAULT_LOCALE)


@cache
def _translations(locale: str) -> _gettext.NullTranslations:
    """The compiled catalog; compiled here from the ``.po`` when the ``.mo`` is missing or
    older (an install without ``make``: ``pip install -e .``, a container, an edited
    catalog), so the bot never falls back to English because a build step was skipped.
    Compiled in memory: the install directory may be read-only."""
    po = LOCALE_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"
    mo = po.with_suffix(".mo")
    if po.exists() and (not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime):
        with po.open("rb") as source:
            catalog = read_po(source, locale=locale)
        compiled = io.BytesIO()
        write_mo(compiled, catalog)
        compiled.seek(0)
        return _gettext.GNUTranslations(compiled)
    # fallback=True: a locale without any catalog keeps the English msgids.
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[locale], fallback=True)


def reload_catalogs() -> None:
    """Forget loaded catalogs (after ``make catalogs`` in a running process or a test)."""
    _translations.cache_clear()


def normalise_locale(code: str | None) -> str:
    if code and code.lower().split("-")[0].split("_")[0] in LOCALES:
        return code.lower().split("-")[0].split("_")[0]
    return DEFAULT_LOCALE


def get_locale() -> str:
    return _current.get()


def set_locale(locale: str | None) -> None:
    _current.set(normalise_locale(locale))


@contextmanager
def use_locale(locale: str | None) -> Iterator[None]:
    token = _current.set(normalise_locale(locale))
    try:
        yield
    finally:
        _current.reset(token)


def gettext(message: str) -> str:
    return _translations(_current.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations(_current.get()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now."""
    return message


_ = gettext


def format_number(value: int | float | Decimal) -> str:
    return format_decimal(value, locale=_BABEL_LOCALE[_current.get()])


def format_money(value: int | float | Decimal) -> str:
    """₹12,34,567 (paise shown only when there are any)."""
    amount = Decimal(str(value))
    fmt = "¤#,##,##0" if amount == amount.to_integral_value() else "¤#,##,##0.00"
    return format_currency(amount, "INR", format=fmt, locale=_BABEL_LOCALE[_current.get()],
                           currency_digits=False)


def format_month(month: int) -> str:
    """A month's name in the reader's language: "April" / "अप्रैल"."""
    return format_date(date(2000, month, 1), "MMMM", locale=_BABEL_LOCALE[_current.get()])


def format_day(value: date | str) -> str:
    """A date as the reader says it: "14 नवंबर 2025" / "14 November 2025"; a data file's
    "YYYY-MM" (a rate's "as of") as "नवंबर 2026". Never ISO on a seller's screen."""
    locale = _BABEL_LOCALE[_current.get()]
    if isinstance(value, str):
        if len(value) == 7:  # YYYY-MM
            return format_date(date.fromisoformat(value + "-01"), "MMMM y", locale=locale)
        value = date.fromisoformat(value)
    return format_date(value, "d MMMM y", locale=locale)
