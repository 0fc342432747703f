"""Logging set-up. Logs never contain phone numbers, GSTINs, PANs, emails or the bot token;
a filter masks anything that looks like one, in case a library logs it."""

from __future__ import annotations

import logging
import re

_PATTERNS = [
    (re.compile(r"\b\d{3,20}:[A-Za-z0-9_-]{30,}\b"), "<token>"),
    (re.compile(r"\b\d{2}[A-Z]{5}\d{4}[A-Z][0-9A-Z]Z[0-9A-Z]\b", re.I), "<gstin>"),
    (re.compile(r"\b[A-Z]{5}\d{4}[A-Z]\b", re.I), "<pan>"),
    (re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"), "<email>"),
    (re.compile(r"(?<!\d)(?:\+?91[\s-]?)?[6-9]\d{4}[\s-]?\d{5}(?!\d)"), "<phone>"),
]


def redact(text: str) -> str:
    for pattern, mask in _PATTERNS:
        text = pattern.sub(mask, text)
    return text


class RedactingFormatter(logging.Formatter):
    """Masks the whole formatted record, tracebacks included (a library's exception
    message may quote the token or a user's input)."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def setup_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx logs every request URL at INFO, and the URL contains the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
