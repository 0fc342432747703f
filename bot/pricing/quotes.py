"""The ``price_quotes`` table's owner: a calculated price waits here for "✅ Use".

The button names the quote's id; the quote is read back with the presser's seller id, so
a crafted or old id finds nothing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import delete, insert, select

from bot.conversation.turn import Turn
from bot.db.models import PriceQuote, utcnow

TABLE = PriceQuote.__table__


async def keep(turn: Turn, product_id: int, price: Decimal, mrp: Decimal,
               marketplace: str | None = None) -> int:
    """Store the quote for a product (replacing an older one); return its id."""
    assert turn.seller is not None
    await turn.session.execute(delete(TABLE).where(TABLE.c.product_id == product_id,
                                                   TABLE.c.seller_id == turn.seller.id))
    result = await turn.session.execute(insert(TABLE).values(
        seller_id=turn.seller.id, product_id=product_id, price=str(price), mrp=str(mrp),
        marketplace=marketplace, created_at=utcnow()))
    return result.inserted_primary_key[0]


async def find(turn: Turn, quote_id: int) -> dict[str, Any] | None:
    assert turn.seller is not None
    row = (await turn.session.execute(select(TABLE).where(
        TABLE.c.id == quote_id, TABLE.c.seller_id == turn.seller.id))).mappings().first()
    return dict(row) if row is not None else None


async def all_of(turn: Turn) -> list[dict[str, Any]]:
    assert turn.seller is not None
    rows = await turn.session.execute(
        select(TABLE).where(TABLE.c.seller_id == turn.seller.id).order_by(TABLE.c.id))
    return [dict(r) for r in rows.mappings()]
