"""Tables as XLSX (through XlsxWriter) and CSV, safe to open in Excel.

What XlsxWriter makes possible and the marketplaces' own templates have: a note on each
header saying what the column holds, and a dropdown (data validation) on enumerated
columns. Formula injection (OWASP "CSV injection"): a value a seller typed that starts
with ``=``, ``+``, ``-``, ``@`` (or a tab / carriage return) must never run as a formula.
In XLSX every text cell is written with ``write_string``: a string cell, never parsed, so
"+91 98765 43210" or "=SUM(A1)" shows as typed, without the leading apostrophe a quote
prefix puts in front of it in the formula bar and in copies; in CSV, which has no types,
such values get a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import xlsxwriter

RISKY_START = ("=", "+", "-", "@", "\t", "\r")
_LIST_LIMIT = 255  # characters: Excel's limit for a dropdown list written inline
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed in XML
EXTRA_VALIDATED_ROWS = 1000  # dropdowns reach this far below the last row, for new rows


@dataclass(frozen=True)
class Column:
    title: str
    note: str = ""
    choices: tuple[str, ...] = ()  # a dropdown on the column
    width: int = 18
    # Filled blue, as mandatory columns are in Flipkart's bulk-upload templates
    # (facts.md §3 [FKtpl]); other headers are bold only.
    mandatory: bool = False


@dataclass
class Table:
    name: str  # sheet name (at most 31 characters; [ ] : * ? / \\ are replaced)
    columns: Sequence[Column]
    rows: Iterable[Sequence[object]]  # read once, in order (streamed)
    freeze_columns: int = 0  # columns kept in view when scrolling right (the header always)


def risky(value: object) -> bool:
    return isinstance(value, str) and value.startswith(RISKY_START)


def neutralise(value: object) -> object:
    """The CSV form of a cell: text that a spreadsheet would run gets an apostrophe."""
    return "'" + value if risky(value) else value


def _sheet_name(name: str, taken: set[str]) -> str:
    base = "".join(" " if ch in "[]:*?/\\" else ch for ch in name)[:31].strip() or "Sheet"
    candidate, n = base, 2
    while candidate.lower() in taken:
        candidate, n = f"{base[:28]} {n}", n + 1
    taken.add(candidate.lower())
    return candidate


def xlsx(tables: Sequence[Table], streamed: bool = True) -> bytes:
    """One sheet per table. ``streamed``: XlsxWriter's constant_memory mode writes each row
    to a temporary file as soon as the next one starts and writes strings inline, so a
    10,000-product export holds one row at a time, not the whole sheet. A small file (one
    seller's products) is faster made in memory: no temporary files (about 30 ms less)."""
    out = io.BytesIO()
    # No automatic conversion of any kind: a string stays a string.
    book = xlsxwriter.Workbook(out, {"constant_memory": streamed, "in_memory": not streamed,
                                     "strings_to_formulas": False, "strings_to_urls": False,
                                     "strings_to_numbers": False})
    plain = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    mandatory = book.add_format({"bold": True, "bg_color": "#BDD7EE", "text_wrap": True,
                                 "valign": "top"})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    taken: set[str] = {_sheet_name(table.name, set()).lower() for table in tables}
    # Dropdowns too long to write inline read from a hidden sheet, written last (row by
    # row, as constant_memory needs): one column per distinct list.
    long_lists: dict[tuple[str, ...], int] = {}
    lists_name = _sheet_name("lists", set(taken))
    written: set[str] = set()
    for table in tables:
        sheet = book.add_worksheet(_sheet_name(table.name, written))
        for col, column in enumerate(table.columns):
            sheet.write_string(0, col, column.title, mandatory if column.mandatory else plain)
            sheet.set_column(col, col, column.width)
            if column.note:
                sheet.write_comment(0, col, column.note, {"x_scale": 2, "y_scale": 1.5})
        sheet.freeze_panes(1, table.freeze_columns)
        last = _write_rows(sheet, table.rows, day)
        for col, column in enumerate(table.columns):
            if not column.choices:
                continue
            if len(",".join(column.choices)) <= _LIST_LIMIT:
                source: object = list(column.choices)
            else:
                at = long_lists.setdefault(column.choices, len(long_lists))
                letter = xlsxwriter.utility.xl_col_to_name(at)
                source = f"='{lists_name}'!${letter}$1:${letter}${len(column.choices)}"
            sheet.data_validation(1, col, max(last, 1) + EXTRA_VALIDATED_ROWS, col, {
                "validate": "list", "source": source, "error_type": "warning",
                "input_title": column.title[:32], "input_message": column.note[:255]})
        sheet.autofilter(0, 0, max(last, 1), max(len(table.columns) - 1, 0))
    if long_lists:
        lists = book.add_worksheet(lists_name)
        lists.hide()
        for row in range(max(len(choices) for choices in long_lists)):
            for choices, col in long_lists.items():
                if row < len(choices):
                    lists.write_string(row, col, choices[row])
    book.close()
    return out.getvalue()


def _write_rows(sheet, rows: Iterable[Sequence[object]], day) -> int:
    """Rows from the second on; returns the last row's index (0: none). The hot loop of a
    large export: one type test per cell, most cells being text."""
    write_string, write_number = sheet.write_string, sheet.write_number
    last = 0
    for r, values in enumerate(rows, start=1):
        last = r
        for col, value in enumerate(values):
            kind = type(value)
            if kind is str:
                if not value:
                    continue
                if not value.isprintable():  # fast in C; a line break is "not printable"
                    value = _NOT_XML.sub("", value)
                write_string(r, col, value)
            elif value is None:
                continue
            elif kind is int or kind is float:
                write_number(r, col, value)
            elif kind is Decimal:
                write_number(r, col, float(value))
            elif kind is bool:
                sheet.write_boolean(r, col, value)
            elif isinstance(value, datetime | date):
                sheet.write_datetime(r, col, value.replace(tzinfo=None)
                                     if isinstance(value, datetime) else value, day)
            else:
                write_string(r, col, _NOT_XML.sub("", str(value)))
    return last


def csv_bytes(titles: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """UTF-8 with a BOM, so that Excel shows Hindi and ₹ correctly."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(titles)
    for values in rows:
        writer.writerow(["" if v is None else neutralise(
            v.strftime("%Y-%m-%d") if isinstance(v, datetime | date) else v)
            for v in values])
    return out.getvalue().encode("utf-8-sig")
