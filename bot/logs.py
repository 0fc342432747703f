"""Logging set-up. Logs never contain what sellers told us, nor the bot token or the webhook
secret, at any level (``LOG_LEVEL=DEBUG`` is a documented setting).

Two layers:

1. Structural: the framework's debug dumps (python-telegram-bot's "Calling Bot API endpoint
   ... with parameters {...}", "Processing update Update(...)", the webhook's received body;
   httpx/httpcore request lines) keep their message but lose their payload. An argument
   survives only if it is a number or a short identifier such as an endpoint name; a dict,
   an Update or a text becomes ``<dict>``, ``<Update>``, ``<str, 42 chars>``. The token and
   the webhook secret are masked by their exact values.
2. Patterns, in case a library or an exception quotes personal data anyway: phone numbers
   (also 0-prefixed), emails, UPI ids, GSTINs, PANs, Aadhaar, IFSC, Udyam numbers, and
   anything shaped like a bot token, including inside ``/bot<token>/`` URLs.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import IO, Any

_PATTERNS = [
    # No \b before the digits: in ".../bot123:ABC.../getMe" the "t1" is not a boundary.
    (re.compile(r"(?<![\d])\d{3,20}:[A-Za-z0-9_-]{30,}"), "<token>"),
    (re.compile(r"\bUDYAM-[A-Z]{2}-\d{2}-\d{7}\b", re.I), "<udyam>"),
    (re.compile(r"\b\d{2}[A-Z]{5}\d{4}[A-Z][0-9A-Z]Z[0-9A-Z]\b", re.I), "<gstin>"),
    (re.compile(r"\b[A-Z]{5}\d{4}[A-Z]\b", re.I), "<pan>"),
    (re.compile(r"\b[A-Z]{4}0[A-Z0-9]{6}\b"), "<ifsc>"),
    (re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"), "<email>"),
    # A UPI id is an email without a dot after the @ (name@okaxis, 98765xxxxx@ybl).
    (re.compile(r"[\w.+-]+@[A-Za-z][A-Za-z0-9]+\b"), "<upi>"),
    (re.compile(r"(?<!\d)[2-9]\d{3}[\s-]?\d{4}[\s-]?\d{4}(?!\d)"), "<aadhaar>"),
    (re.compile(r"(?<!\d)(?:\+?91[\s-]?|0[\s-]?)?[6-9]\d{4}[\s-]?\d{5}(?!\d)"), "<phone>"),
]

# Loggers whose arguments are payloads (requests, responses, updates), not our wording.
FRAMEWORK = ("telegram", "httpx", "httpcore", "uvicorn", "starlette", "hpack")
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]{0,39}$")


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, "<secret>")
    for pattern, mask in _PATTERNS:
        text = pattern.sub(mask, text)
    return text


def _shape(value: Any) -> Any:
    """A framework log argument, kept only if it cannot carry what a user sent."""
    if isinstance(value, bool | int | float) or value is None:
        return value
    if isinstance(value, str):
        return value if _IDENTIFIER.match(value) else f"<str, {len(value)} chars>"
    if isinstance(value, list | tuple) and all(isinstance(v, int) for v in value):
        return value  # e.g. the update ids PTB lists after getUpdates
    return f"<{type(value).__name__}>"


class PayloadFilter(logging.Filter):
    """Strips payload arguments from the framework's records (structure, not patterns)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.split(".")[0] in FRAMEWORK and record.args:
            if isinstance(record.args, dict):
                record.args = {k: _shape(v) for k, v in record.args.items()}
            else:
                record.args = tuple(_shape(a) for a in record.args)
        return True


class RedactingFormatter(logging.Formatter):
    """Masks the whole formatted record, tracebacks included (a library's exception
    message may quote the token or a user's input)."""

    def __init__(self, fmt: str, secrets: Iterable[str] = ()) -> None:
        super().__init__(fmt)
        self.secrets = tuple(s for s in secrets if s)

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record), self.secrets)


def setup_logging(level: str = "INFO", secrets: Iterable[str | None] = (),
                  stream: IO[str] | None = None) -> logging.Handler:
    """Log to stderr (or ``stream``); ``secrets``: exact values never to show (the token,
    the webhook secret)."""
    handler = logging.StreamHandler(stream)
    handler.addFilter(PayloadFilter())
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s",
                                            [s for s in secrets if s]))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx logs every request URL at INFO, and the URL contains the bot token; httpcore
    # dumps headers and bodies at DEBUG.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    return handler
