"""Settings from the environment (and an optional ``.env``), checked once at start-up.

A wrong value raises ``ConfigError`` whose message is one line naming the variable; the
CLI prints that line instead of a traceback.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

DEFAULT_API_URL = "https://api.telegram.org"
DEFAULT_DATABASE_URL = "sqlite:///data/haat.db"
_TOKEN_RE = re.compile(r"^\d{3,20}:[A-Za-z0-9_-]{20,}$")
_SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class ConfigError(Exception):
    """A setting has a wrong value; str(error) is one line for the operator."""


@dataclass(frozen=True)
class Settings:
    token: str | None = None
    api_url: str = DEFAULT_API_URL
    database_url: str = DEFAULT_DATABASE_URL
    admin_ids: frozenset[int] = field(default_factory=frozenset)
    webhook_url: str | None = None
    webhook_secret: str | None = None
    port: int = 8443
    log_level: str = "INFO"
    tz: str = "Asia/Kolkata"
    # The outbox sender (bot.runtime.sender): messages a second overall (Telegram allows
    # about 30), how long a claimed row may stay "sending", and whether ``seller-bot run``
    # sends too ("inline") or a separate ``seller-bot send`` process does ("separate").
    outbox_rate: float = 25.0
    outbox_lease_seconds: int = 60
    outbox_sender: str = "inline"
    # The inbox (bot.db.inbox): how long a handled update's numbers are kept to recognise a
    # late duplicate, and how long a worker may hold an update without renewing its lease.
    inbox_keep_minutes: int = 60
    inbox_lease_seconds: int = 60
    # The staff web page's public address (bot/web/): the /web login links point here; off
    # (no pages, no /web) unless set.
    web_url: str | None = None

    @property
    def bot_base_url(self) -> str:
        return self.api_url.rstrip("/") + "/bot"

    @property
    def file_base_url(self) -> str:
        return self.api_url.rstrip("/") + "/file/bot"


def _whole(text: str | None, name: str, default: int, high: int, what: str) -> int:
    """A whole number from 1 to ``high``; ``default`` when unset."""
    if text is None:
        return default
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= high:
        raise ConfigError(f"{name} must be a number of {what}, not {text!r}.")
    return int(text)


def _read_env_file(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    from dotenv import dotenv_values

    return {k: v for k, v in dotenv_values(path).items() if v is not None}


Get = Callable[[str], "str | None"]


def _token(get: Get) -> str | None:
    token = get("TELEGRAM_BOT_TOKEN")
    if token is not None and not _TOKEN_RE.match(token):
        raise ConfigError("TELEGRAM_BOT_TOKEN does not look like a bot token (digits, a colon, "
                          "then letters); copy it again from @BotFather.")
    return token


def _api_url(get: Get) -> str:
    api_url = get("TELEGRAM_API_URL") or DEFAULT_API_URL
    parsed = urlparse(api_url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ConfigError(f"TELEGRAM_API_URL must be an http(s) address such as "
                          f"http://127.0.0.1:8081, not {api_url!r}.")
    api_url = api_url.rstrip("/")
    for suffix in ("/bot", "/file/bot"):
        if api_url.endswith(suffix):
            raise ConfigError(f"TELEGRAM_API_URL is the server's base address; leave out "
                              f"{suffix!r} (the bot appends it).")
    return api_url


def _database_url(get: Get) -> str:
    database_url = get("DATABASE_URL") or DEFAULT_DATABASE_URL
    try:
        backend = make_url(database_url).get_backend_name()
    except ArgumentError:
        raise ConfigError("DATABASE_URL is not a database URL; use e.g. sqlite:///data/haat.db "
                          "or postgresql+psycopg://user@host/dbname.") from None
    if backend not in ("sqlite", "postgresql"):
        raise ConfigError(f"DATABASE_URL uses {backend!r}; only sqlite and postgresql are "
                          f"supported.")
    return database_url


def _admin_ids(get: Get) -> frozenset[int]:
    admin_ids: set[int] = set()
    for part in re.split(r"[,\s]+", get("ADMIN_IDS") or ""):
        if not part:
            continue
        if not (part.lstrip("-").isascii() and part.lstrip("-").isdigit()):
            raise ConfigError(f"ADMIN_IDS must be Telegram user ids separated by commas; "
                              f"{part!r} is not a number.")
        admin_ids.add(int(part))
    return frozenset(admin_ids)


def _webhook(get: Get) -> tuple[str | None, str | None, int]:
    webhook_url = get("WEBHOOK_URL")
    if webhook_url is not None and urlparse(webhook_url).scheme != "https":
        raise ConfigError("WEBHOOK_URL must start with https:// (Telegram only calls https).")
    webhook_secret = get("WEBHOOK_SECRET")
    if webhook_secret is not None and not _SECRET_RE.match(webhook_secret):
        raise ConfigError("WEBHOOK_SECRET may hold only letters, digits, _ and -, "
                          "1 to 256 characters.")
    port_text = get("PORT") or "8443"
    if not (port_text.isascii() and port_text.isdigit()) or not 1 <= int(port_text) <= 65535:
        raise ConfigError(f"PORT must be a number from 1 to 65535, not {port_text!r}.")
    return webhook_url, webhook_secret, int(port_text)


def _log_level_and_tz(get: Get) -> tuple[str, str]:
    log_level = (get("LOG_LEVEL") or "INFO").upper()
    if log_level not in LOG_LEVELS:
        raise ConfigError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, not {log_level!r}.")
    tz = get("TZ") or "Asia/Kolkata"
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"TZ must be a time zone name such as Asia/Kolkata, not {tz!r}."
                          ) from None
    return log_level, tz


def _outbox(get: Get) -> tuple[float, int, str]:
    rate_text = get("OUTBOX_RATE") or "25"
    try:
        outbox_rate = float(rate_text)
    except ValueError:
        outbox_rate = 0.0
    if not 0 < outbox_rate <= 30:
        raise ConfigError(f"OUTBOX_RATE must be messages a second above 0 and at most 30 "
                          f"(Telegram's limit), not {rate_text!r}.")
    lease_text = get("OUTBOX_LEASE_SECONDS") or "60"
    if not (lease_text.isascii() and lease_text.isdigit()) or not 1 <= int(lease_text) <= 3600:
        raise ConfigError(f"OUTBOX_LEASE_SECONDS must be a number of seconds from 1 to 3600, "
                          f"not {lease_text!r}.")
    outbox_sender = (get("OUTBOX_SENDER") or "inline").lower()
    if outbox_sender not in ("inline", "separate"):
        raise ConfigError(f"OUTBOX_SENDER must be inline (seller-bot run sends) or separate "
                          f"(a seller-bot send process does), not {outbox_sender!r}.")
    return outbox_rate, int(lease_text), outbox_sender


def _web_url(get: Get) -> str | None:
    web_url = get("WEB_URL")
    if web_url is not None:
        parsed_web = urlparse(web_url)
        if parsed_web.scheme not in ("http", "https") or not parsed_web.netloc or \
                parsed_web.query or parsed_web.fragment:
            raise ConfigError(f"WEB_URL must be the staff page's address such as "
                              f"https://haat.example.org, not {web_url!r}.")
        web_url = web_url.rstrip("/")
    return web_url


def load_settings(environ: Mapping[str, str] | None = None, env_file: Path | None = Path(".env")
                  ) -> Settings:
    """Read settings; the process environment wins over ``.env``. Each setting is checked
    by its own reader, which names the variable in its one-line error."""
    env: dict[str, str] = {}
    if env_file is not None:
        env.update(_read_env_file(env_file))
    env.update(os.environ if environ is None else environ)

    def get(name: str) -> str | None:
        value = env.get(name, "").strip()
        return value or None

    # In this order, so that the first wrong setting is the one named.
    token, api_url, database_url = _token(get), _api_url(get), _database_url(get)
    admin_ids = _admin_ids(get)
    webhook_url, webhook_secret, port = _webhook(get)
    log_level, tz = _log_level_and_tz(get)
    outbox_rate, outbox_lease, outbox_sender = _outbox(get)
    inbox_keep = _whole(get("INBOX_KEEP_MINUTES"), "INBOX_KEEP_MINUTES", 60, 10080,
                        "minutes from 1 to 10080 (a week)")
    inbox_lease = _whole(get("INBOX_LEASE_SECONDS"), "INBOX_LEASE_SECONDS", 60, 3600,
                         "seconds from 1 to 3600")
    return Settings(token=token, api_url=api_url, database_url=database_url,
                    admin_ids=admin_ids, webhook_url=webhook_url,
                    webhook_secret=webhook_secret, port=port, log_level=log_level,
                    tz=tz, outbox_rate=outbox_rate, outbox_lease_seconds=outbox_lease,
                    outbox_sender=outbox_sender, inbox_keep_minutes=inbox_keep,
                    inbox_lease_seconds=inbox_lease, web_url=_web_url(get))
