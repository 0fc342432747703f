"""Button data as typed values: one codec per kind of button, its prefix declared once.

Callback data comes from the client and is never trusted: ``unpack`` accepts only the exact
shape its class declares (``int`` fields are plain ASCII digits that fit the database's
integer column, ``str`` fields are bounded and hold no ``|``) and raises ``BadData`` for
anything else. Whether the object still belongs to the presser, and is still in a state
where the action makes sense, is checked by the service that acts on it.

Modelled on aiogram's ``CallbackData`` (``aiogram/filters/callback_data.py``): a class per
prefix, ``pack``/``unpack``, a 64-byte check and a pattern for the handler; a registry
refuses a prefix claimed twice::

    @callback("pr")
    class ProductAction:
        id: int
        action: str

    ProductAction(id=5, action="open").pack()  # "pr|5|open"
"""

from __future__ import annotations

import dataclasses
import re
import typing
from typing import Any, ClassVar, TypeVar

CALLBACK_DATA_LIMIT = 64  # bytes, Bot API limit
SEP = "|"
INT_MAX = 2**31 - 1  # the largest id an INTEGER column holds on PostgreSQL


def is_storable_id(value: object) -> bool:
    """An int a database id column holds (not a bool, not negative, not too large)."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= INT_MAX


def read_id(raw: str) -> int | None:
    """The id typed in client-controlled text, or None. isdigit() accepts "²" and other
    digits int() refuses; only ASCII digits are ours."""
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 10 or int(raw) > INT_MAX:
        return None
    return int(raw)
_STR_MAX = CALLBACK_DATA_LIMIT
_PREFIX_RE = re.compile(r"^[a-z]{1,3}$")

_REGISTRY: dict[str, type] = {}

T = TypeVar("T")


class BadData(ValueError):
    """Button data that no codec of this bot produced (old, crafted or cut short)."""


def callback(prefix: str):
    """Make a frozen dataclass a button codec with ``prefix``; a prefix is claimed once."""

    def wrap(cls: type[T]) -> type[T]:
        if not _PREFIX_RE.match(prefix):
            raise ValueError(f"callback prefix must be 1-3 lowercase letters: {prefix!r}")
        if prefix in _REGISTRY:
            raise ValueError(f"callback prefix {prefix!r} is claimed by "
                             f"{_REGISTRY[prefix].__name__} already")
        cls = dataclasses.dataclass(frozen=True)(cls)
        hints = typing.get_type_hints(cls)
        cls._fields = tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))
        for name, kind in cls._fields:
            if kind not in (int, str):
                raise TypeError(f"{cls.__name__}.{name}: only int and str fields")
        cls.prefix = prefix
        cls.pack = _pack
        cls.unpack = classmethod(_unpack)
        cls.pattern = f"^{re.escape(prefix)}\\{SEP}"
        _REGISTRY[prefix] = cls
        return cls

    return wrap


def _pack(self) -> str:
    parts = [self.prefix]
    for name, kind in self._fields:
        value = getattr(self, name)
        if kind is int:
            if not is_storable_id(value):
                raise ValueError(f"{name}={value!r} is not a storable id")
            parts.append(str(value))
        else:
            if not isinstance(value, str) or SEP in value:
                raise ValueError(f"{name}={value!r} may not contain {SEP!r}")
            parts.append(value)
    data = SEP.join(parts)
    if len(data.encode()) > CALLBACK_DATA_LIMIT:
        raise ValueError(f"callback data over {CALLBACK_DATA_LIMIT} bytes: {data!r}")
    return data


def _unpack(cls, data: str | None) -> Any:
    if not isinstance(data, str) or len(data.encode()) > CALLBACK_DATA_LIMIT:
        raise BadData(data)
    parts = data.split(SEP)
    if parts[0] != cls.prefix or len(parts) != len(cls._fields) + 1:
        raise BadData(data)
    values = {}
    for (name, kind), raw in zip(cls._fields, parts[1:], strict=True):
        if kind is int:
            if (number := read_id(raw)) is None:
                raise BadData(data)
            values[name] = number
        else:
            if len(raw) > _STR_MAX:
                raise BadData(data)
            values[name] = raw
    return cls(**values)


def registered() -> dict[str, type]:
    """Every codec by prefix (tests check that each has a handler)."""
    return dict(_REGISTRY)


class Codec(typing.Protocol):
    """What ``@callback`` adds to a class (for type checkers and readers)."""

    prefix: ClassVar[str]
    pattern: ClassVar[str]

    def pack(self) -> str: ...
