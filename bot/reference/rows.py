"""Reading the reference data files strictly: every CSV row checked as it is read (slugs,
confidence marks, short button labels), and a malformed row fails with the file and line.
Shared by every loader in ``bot/reference/``."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

_CODE_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_CONFIDENCE = frozenset({"C", "L", "U"})


class ReferenceDataError(ValueError):
    """A reference CSV is malformed; the message names the file and line."""


BUTTON_LIMIT = 20  # characters (Devanagari counted as characters): what a phone's row shows
STAR = "⭐ "  # marks the district's own (ODOP) products on the craft buttons


def short_name(name: str, button: str) -> str:
    return button or name


def check_buttons(path: Path, line: int, row: dict[str, str], names: tuple[str, str],
                  limit: int = BUTTON_LIMIT) -> None:
    """A name too long for a button needs its short form in ``button_en`` / ``button_hi``
    (the data says it, not a cut in the code); a short form must fit."""
    for name, short in zip(names, ("button_en", "button_hi"), strict=True):
        if len(row[short] or row[name]) > limit:
            raise fail(path, line, f"{short} needed: {row[short] or row[name]!r} is over "
                                    f"{limit} characters for a button")


def fail(path: Path, line: int, message: str) -> ReferenceDataError:
    return ReferenceDataError(f"{path.name} line {line}: {message}")


def read_csv_rows(
    path: Path, columns: tuple[str, ...], optional: frozenset[str] = frozenset(),
    error: type[ValueError] = ReferenceDataError,
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, stripped row), rejecting a wrong header and missing, extra or
    empty fields; ``error`` names the file and line. Shared by every reference CSV."""
    try:
        fh = path.open(encoding="utf-8-sig", newline="")  # tolerate an Excel BOM
    except OSError as exc:
        raise error(f"{path}: cannot read ({exc})") from exc
    with fh:
        reader = csv.DictReader(fh)
        header = tuple(reader.fieldnames or ())
        if header != columns:
            raise error(f"{path.name} line 1: header must be {','.join(columns)}, "
                        f"got {','.join(header)}")
        for row in reader:
            line = reader.line_num
            if None in row:
                raise error(f"{path.name} line {line}: too many fields")
            missing = [c for c in columns if row[c] is None]
            if missing:
                raise error(f"{path.name} line {line}: missing column(s) {', '.join(missing)}")
            values = {c: row[c].strip() for c in columns}
            empty = [c for c in columns if not values[c] and c not in optional]
            if empty:
                raise error(f"{path.name} line {line}: empty {', '.join(empty)}")
            yield line, values


def check_slug(path: Path, line: int, value: str) -> None:
    if not _CODE_RE.match(value):
        raise fail(path, line, f"{value!r} is not a lowercase ascii slug")


def check_confidence(path: Path, line: int, value: str) -> None:
    if value not in _CONFIDENCE:
        raise fail(path, line, f"confidence must be one of C/L/U, got {value!r}")
