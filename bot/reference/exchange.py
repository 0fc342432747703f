"""Rupee prices in foreign currency for export drafts (``data/exchange_rates.toml``).

The rate is data with its date and confidence, never fetched at run time: a draft says
which rate it used so the seller can check it against today's before listing.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from bot.reference.rows import ReferenceDataError

RATES_TOML = Path(__file__).resolve().parent / "data" / "exchange_rates.toml"
_CONFIDENCE = frozenset({"C", "L", "U"})


@dataclass(frozen=True)
class Rate:
    currency: str
    inr_per_unit: Decimal
    as_of: str
    confidence: str
    source: str

    def convert(self, rupees: Decimal) -> Decimal:
        """``rupees`` in this currency, to the cent."""
        return (rupees / self.inr_per_unit).quantize(Decimal("0.01"), ROUND_HALF_UP)


@cache
def rates(path: Path = RATES_TOML) -> dict[str, Rate]:
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    out: dict[str, Rate] = {}
    for currency, row in data.items():
        try:
            rate = Rate(currency, Decimal(row["inr_per_unit"]), str(row["as_of"]),
                        row["confidence"], row["source"])
        except (KeyError, InvalidOperation, TypeError) as exc:
            raise ReferenceDataError(f"{path.name} [{currency}]: {exc!r}") from None
        if rate.inr_per_unit <= 0 or rate.confidence not in _CONFIDENCE:
            raise ReferenceDataError(f"{path.name} [{currency}]: rate must be positive and "
                                     "confidence one of C, L, U")
        out[currency] = rate
    return out


def rate(currency: str) -> Rate:
    return rates()[currency]
