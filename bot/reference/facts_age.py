"""Which sourced facts are due for a re-check: every data file's as-of dates.

Each CSV in ``data/`` with an ``as_of`` column gives one fact per row (named by its first
column, and the second when the first repeats: ``kurta/man_made``); each TOML table with an
``as_of`` key gives one fact (named by its table path: ``amazon.referral``). A date given as
YYYY-MM (or YYYY) counts from the first of that month (or year), so a fact is listed early rather
than late.
``seller-bot facts`` prints those older than twelve months.
"""

from __future__ import annotations

import csv
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from bot.reference.districts import DATA_DIR


@dataclass(frozen=True)
class DatedFact:
    file: str
    name: str
    as_of: str
    source: str
    confidence: str

    @property
    def day(self) -> date:
        parts = [int(p) for p in self.as_of.split("-")] + [1, 1]  # YYYY, YYYY-MM: the 1st
        return date(parts[0], parts[1], parts[2])


def _from_csv(path: Path) -> list[DatedFact]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    if not rows or "as_of" not in rows[0]:
        return []
    columns = list(rows[0])
    first = [r[columns[0]] for r in rows]
    out = []
    for row in rows:
        name = row[columns[0]]
        if first.count(name) > 1:
            name = f"{name}/{row[columns[1]]}"
        source = row.get("source") or row.get("hsn8_source") or row.get("sources") or ""
        out.append(DatedFact(path.name, name, row["as_of"], source, row.get("confidence", "")))
    return out


def _from_toml(path: Path) -> list[DatedFact]:
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    out: list[DatedFact] = []

    def walk(table: dict[str, Any], where: str) -> None:
        if isinstance(table.get("as_of"), str):
            source = table.get("source") or table.get("sources") or ""
            out.append(DatedFact(path.name, where or "(top)", table["as_of"],
                                 "; ".join(source) if isinstance(source, list) else str(source),
                                 str(table.get("confidence", ""))))
        for key, value in table.items():
            if isinstance(value, dict):
                walk(value, f"{where}.{key}" if where else key)
            elif isinstance(value, list):
                for n, item in enumerate(value):
                    if isinstance(item, dict):
                        walk(item, f"{where}.{key}[{n}]" if where else f"{key}[{n}]")

    walk(data, "")
    return out


def dated_facts(data_dir: Path = DATA_DIR) -> list[DatedFact]:
    out: list[DatedFact] = []
    for path in sorted(data_dir.iterdir()):
        if path.suffix == ".csv":
            out += _from_csv(path)
        elif path.suffix == ".toml":
            out += _from_toml(path)
    return out


def undated_files(data_dir: Path = DATA_DIR) -> list[str]:
    """Data files with no as-of date at all (names, glossary, districts: not rates)."""
    dated = {f.file for f in dated_facts(data_dir)}
    return [p.name for p in sorted(data_dir.iterdir())
            if p.suffix in (".csv", ".toml") and p.name not in dated]


def older_than(today: date, months: int = 12, data_dir: Path = DATA_DIR) -> list[DatedFact]:
    """Facts whose as-of date is more than ``months`` months before ``today``, oldest first."""
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    cutoff = date(year, month + 1, min(today.day, 28))
    return sorted((f for f in dated_facts(data_dir) if f.day < cutoff),
                  key=lambda f: (f.day, f.file, f.name))
