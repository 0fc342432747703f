"""GST rules that follow from the seller and the goods, not from a marketplace
(``data/gst.toml``): what an enrolment-ID seller may charge, and TCS on exempt goods.

Shared by the price calculator and the listing drafts, so a price, a payout, a draft and
the spreadsheet never disagree about GST.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bot.reference.marketplaces import AS_OF_RE, CONFIDENCE, Provenance
from bot.reference.rows import ReferenceDataError

GST_TOML = Path(__file__).resolve().parent / "data" / "gst.toml"

# Each table and its yes/no values.
TABLES = {"enrolment_id": ("collects_gst", "tcs"), "tcs_exempt_goods": ("applies",)}


@dataclass(frozen=True)
class Flags:
    """Yes/no rules with their source."""

    values: dict[str, bool]
    provenance: Provenance

    def __getitem__(self, name: str) -> bool:
        return self.values[name]


def load(path: Path = GST_TOML) -> dict[str, Flags]:
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    unknown = sorted(set(data) - set(TABLES))
    if unknown:
        raise ReferenceDataError(f"{path.name}: unknown table(s) {unknown!r}")
    out: dict[str, Flags] = {}
    for name, keys in TABLES.items():
        table = data.get(name)
        if not isinstance(table, dict):
            raise ReferenceDataError(f"{path.name}: [{name}] is missing")
        extra = sorted(set(table) - set(keys) - {"source", "as_of", "confidence"})
        if extra:
            raise ReferenceDataError(f"{path.name}: [{name}]: unknown key(s) {extra!r}")
        for key in keys:
            if not isinstance(table.get(key), bool):
                raise ReferenceDataError(f"{path.name}: [{name}].{key} must be true or false")
        source, as_of, confidence = (table.get(k) for k in ("source", "as_of", "confidence"))
        if not (isinstance(source, str) and source.strip() and isinstance(as_of, str)
                and AS_OF_RE.match(as_of) and confidence in CONFIDENCE):
            raise ReferenceDataError(f"{path.name}: [{name}] needs a source, an as_of date "
                                     "(YYYY-MM[-DD]) and a confidence C/L/U")
        out[name] = Flags({key: table[key] for key in keys},
                          Provenance(source, as_of, confidence))
    return out


@cache
def _default() -> dict[str, Flags]:
    return load()


def enrolment_id() -> Flags:
    """``collects_gst`` and ``tcs`` for a seller on a GST enrolment ID (no GSTIN)."""
    return _default()["enrolment_id"]


def tcs_exempt_goods() -> Flags:
    """``applies``: whether TCS is collected on a nil-rated (exempt) item."""
    return _default()["tcs_exempt_goods"]


def charges_gst(gstin: str | None, enrolment: str | None) -> bool:
    """Whether a seller may put GST on their price: not on an enrolment ID alone."""
    return bool(gstin) or not enrolment or enrolment_id()["collects_gst"]
