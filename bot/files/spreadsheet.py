"""Tables as XLSX (through XlsxWriter) and CSV, safe to open in Excel.

What XlsxWriter makes possible and the marketplaces' own templates have: a note on each
header saying what the column holds, and a dropdown (data validation) on enumerated
columns. Formula injection (OWASP "CSV injection"): a value a seller typed that starts
with ``=``, ``+``, ``-``, ``@`` (or a tab / carriage return) must never run as a formula.
In XLSX every text cell is written as a string (never parsed) and such values also get
Excel's quote prefix, so that editing the cell keeps it text; in CSV, which has no types,
they get a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

import xlsxwriter

RISKY_START = ("=", "+", "-", "@", "\t", "\r")
_LIST_LIMIT = 255  # characters: Excel's limit for a dropdown list written inline


@dataclass(frozen=True)
class Column:
    title: str
    note: str = ""
    choices: tuple[str, ...] = ()  # a dropdown on the column
    width: int = 18


@dataclass
class Table:
    name: str  # sheet name (at most 31 characters; [ ] : * ? / \\ are replaced)
    columns: Sequence[Column]
    rows: Iterable[Sequence[object]]


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


def xlsx(tables: Sequence[Table]) -> bytes:
    out = io.BytesIO()
    # No automatic conversion of any kind: a string stays a string.
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False,
                                     "strings_to_urls": False, "strings_to_numbers": False})
    header = book.add_format({"bold": True, "bg_color": "#BDD7EE", "text_wrap": True,
                              "valign": "top"})
    quoted = book.add_format({"quote_prefix": True})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    taken: set[str] = set()
    lists = None  # a hidden sheet for dropdowns too long to write inline
    list_column = 0
    for table in tables:
        sheet = book.add_worksheet(_sheet_name(table.name, taken))
        for col, column in enumerate(table.columns):
            sheet.write_string(0, col, column.title, header)
            sheet.set_column(col, col, column.width)
            if column.note:
                sheet.write_comment(0, col, column.note, {"x_scale": 2, "y_scale": 1.5})
        sheet.freeze_panes(1, 0)
        last = 0
        for r, values in enumerate(table.rows, start=1):
            last = r
            for col, value in enumerate(values):
                if value is None or value == "":
                    continue
                if isinstance(value, bool):
                    sheet.write_boolean(r, col, value)
                elif isinstance(value, int | float):
                    sheet.write_number(r, col, value)
                elif isinstance(value, datetime | date):
                    sheet.write_datetime(r, col, value.replace(tzinfo=None)
                                         if isinstance(value, datetime) else value, day)
                else:
                    text = str(value)
                    sheet.write_string(r, col, text, quoted if risky(text) else None)
        for col, column in enumerate(table.columns):
            if not column.choices:
                continue
            if len(",".join(column.choices)) <= _LIST_LIMIT:
                source: object = list(column.choices)
            else:
                if lists is None:
                    lists = book.add_worksheet("lists")
                    lists.hide()
                for i, choice in enumerate(column.choices):
                    lists.write_string(i, list_column, choice)
                letter = xlsxwriter.utility.xl_col_to_name(list_column)
                source = f"=lists!${letter}$1:${letter}${len(column.choices)}"
                list_column += 1
            sheet.data_validation(1, col, max(last, 1) + 1000, col, {
                "validate": "list", "source": source, "error_type": "warning",
                "input_title": column.title[:32], "input_message": column.note[:255]})
        sheet.autofilter(0, 0, max(last, 1), max(len(table.columns) - 1, 0))
    book.close()
    return out.getvalue()


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
