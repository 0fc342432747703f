"""Deep links and command arguments as typed values, like button data (``callbacks.py``).

Both come from the client and are never trusted. A **deep link** (``t.me/<bot>?start=d_agra``
arrives as ``/start d_agra``) is one codec per prefix, declared here once, so the writer (a
poster, an invitation) and the reader (onboarding, check-in) share it; the registry refuses
a prefix claimed twice. Telegram allows ``A-Z a-z 0-9 _ -`` and 64 characters in a start
parameter; ``unpack`` accepts nothing else::

    DistrictLink("agra").pack()          # "d_agra"
    links.read("d_agra")                 # DistrictLink(district="agra")

**Command arguments** (``/export products csv agra``) are a frozen dataclass per command,
declared with ``@arguments("export")`` beside the screen that reads them: ``str`` fields take
one word each, in order, and the last field, if it is ``rest``, takes what is left of the line
(a district may be several words: "sant kabir nagar", "संत कबीर नगर"). Missing words are
"". ``turn_handler(service, args=ExportArgs)`` hands the service the parsed value instead of
the raw update. Modelled on aiogram's ``examples/command_typed_args.py``.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from typing import Any, TypeVar

from bot.conversation.callbacks import is_storable_id, read_id
from bot.parsing.validators import tidy

START_PARAMETER_LIMIT = 64  # characters, Bot API limit for ?start=
_PAYLOAD_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
ARGUMENTS_LIMIT = 200  # characters of a command's arguments that are read at all
REST = "rest"  # the field name that takes the rest of the line

_LINKS: dict[str, type] = {}
_COMMANDS: dict[str, type] = {}

T = TypeVar("T")


class BadLink(ValueError):
    """A start parameter no codec of this bot wrote (mistyped, cut short or crafted)."""


def deeplink(prefix: str):
    """Make a one-field frozen dataclass the codec of ``/start <prefix><value>``."""

    def wrap(cls: type[T]) -> type[T]:
        if not re.fullmatch(r"[a-z]{1,10}_", prefix):
            raise ValueError(f"link prefix must be lowercase letters and '_': {prefix!r}")
        if any(prefix.startswith(p) or p.startswith(prefix) for p in _LINKS):
            raise ValueError(f"link prefix {prefix!r} overlaps one claimed already")
        cls = dataclasses.dataclass(frozen=True)(cls)
        (field,) = dataclasses.fields(cls)  # one value per link keeps links short
        kind = typing.get_type_hints(cls)[field.name]
        if kind not in (int, str):
            raise TypeError(f"{cls.__name__}.{field.name}: only int and str")
        cls.prefix, cls._field, cls._kind = prefix, field.name, kind
        cls.pack = _pack_link
        cls.unpack = classmethod(_unpack_link)
        # For a CommandHandler's filter: "/start d_..." (the update's whole text).
        cls.start_pattern = rf"^/start(@\w+)?\s+{re.escape(prefix)}"
        _LINKS[prefix] = cls
        return cls

    return wrap


def _pack_link(self) -> str:
    value = getattr(self, self._field)
    if self._kind is int and not is_storable_id(value):
        raise ValueError(f"{value!r} is not a storable id")
    payload = f"{self.prefix}{value}"
    if not _PAYLOAD_RE.match(payload):
        raise ValueError(f"not a valid start parameter: {payload!r}")
    return payload


def _unpack_link(cls, payload: str | None) -> Any:
    payload = (payload or "").strip()
    if not _PAYLOAD_RE.match(payload) or not payload.lower().startswith(cls.prefix):
        raise BadLink(payload)
    raw = payload[len(cls.prefix):]
    if cls._kind is int:
        if (number := read_id(raw)) is None:
            raise BadLink(payload)
        return cls(number)
    if not raw:
        raise BadLink(payload)
    return cls(raw)


def start_payload(text: str | None) -> str:
    """The parameter of ``/start <parameter>`` ("" for a plain /start)."""
    parts = (text or "").split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


def read(payload: str | None) -> Any | None:
    """The link a start parameter is (any registered kind), or None: a mistyped or
    unknown parameter is just a /start."""
    lowered = (payload or "").strip().lower()
    for prefix, codec in _LINKS.items():
        if lowered.startswith(prefix):
            try:
                return codec.unpack(payload)
            except BadLink:
                return None
    return None


def links() -> dict[str, type]:
    return dict(_LINKS)


# ---------------------------------------------------------------- the links we write

@deeplink("d_")
class DistrictLink:
    """A district's poster: onboarding starts with the district chosen."""

    district: str  # district code


@deeplink("w_")
class WorkshopLink:
    """A workshop's poster: the workshop's card (after onboarding for a newcomer)."""

    workshop: int


@deeplink("checkin_")
class CheckinLink:
    """Check-in on the day, by the code the facilitator shows."""

    code: str


@deeplink("fac_")
class InviteLink:
    """A facilitator's one-time invitation."""

    token: str


# ---------------------------------------------------------------- command arguments

def arguments(command: str):
    """Make a frozen dataclass of ``str`` fields the arguments of ``/<command>``."""

    def wrap(cls: type[T]) -> type[T]:
        if command in _COMMANDS:
            raise ValueError(f"/{command}'s arguments are declared by "
                             f"{_COMMANDS[command].__name__} already")
        cls = dataclasses.dataclass(frozen=True)(cls)
        hints = typing.get_type_hints(cls)
        names = [f.name for f in dataclasses.fields(cls)]
        if any(hints[name] is not str for name in names):
            raise TypeError(f"{cls.__name__}: only str fields")
        if REST in names[:-1]:
            raise TypeError(f"{cls.__name__}: '{REST}' must be the last field")
        cls.command, cls._names = command, tuple(names)
        cls.parse = classmethod(_parse_arguments)
        _COMMANDS[command] = cls
        return cls

    return wrap


def _parse_arguments(cls, text: str | None) -> Any:
    """From the message's whole text (``/export products agra``): never raises; what a
    field means is the service's to check (a district name, a format)."""
    line = tidy((text or "")[:ARGUMENTS_LIMIT + 64])
    words = line.split()[1:]  # drop "/command" (or "/command@bot")
    values: dict[str, str] = {}
    for index, name in enumerate(cls._names):
        if name == REST:
            values[name] = " ".join(words[index:])[:ARGUMENTS_LIMIT]
        else:
            values[name] = words[index][:ARGUMENTS_LIMIT] if index < len(words) else ""
    return cls(**values)


def commands() -> dict[str, type]:
    return dict(_COMMANDS)
