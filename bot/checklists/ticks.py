"""The ``product_checklists`` table's owner: a product's ticks and its label facts.

One row per product, made on the first tick or label; it goes with the product (and the
seller) through the foreign keys' ON DELETE CASCADE. Callers check ownership first
(``products.owned``); every statement here still names the seller too.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select, update

from bot.conversation.turn import Turn
from bot.db.models import ProductChecklist, utcnow

TABLE = ProductChecklist.__table__


async def load(session: Any, seller_id: int, product_id: int
               ) -> tuple[dict[str, str], dict[str, Any]]:
    """(ticks, label facts) of one product; empty when nothing was stored yet."""
    row = (await session.execute(
        select(TABLE.c.ticks, TABLE.c.label).where(
            TABLE.c.product_id == product_id, TABLE.c.seller_id == seller_id)
    )).first()
    if row is None:
        return {}, {}
    return dict(row.ticks or {}), dict(row.label or {})


async def _store(session: Any, seller_id: int, product_id: int, **values: Any) -> None:
    where = (TABLE.c.product_id == product_id) & (TABLE.c.seller_id == seller_id)
    result = await session.execute(update(TABLE).where(where).values(
        updated_at=utcnow(), **values))
    if result.rowcount == 0:
        row = {"ticks": {}, "label": {}, **values}
        await session.execute(insert(TABLE).values(
            product_id=product_id, seller_id=seller_id, updated_at=utcnow(), **row))


async def set_tick(session: Any, seller_id: int, product_id: int, code: str,
                   state: str | None) -> None:
    """Tick ``code`` as ``state`` ("done"/"skip"), or clear it with None."""
    ticks, _label = await load(session, seller_id, product_id)
    if state is None:
        ticks.pop(code, None)
    else:
        ticks[code] = state
    await _store(session, seller_id, product_id, ticks=ticks)


async def set_label(session: Any, seller_id: int, product_id: int,
                    facts: dict[str, Any]) -> None:
    """Merge ``facts`` into the product's stored label facts."""
    _ticks, label = await load(session, seller_id, product_id)
    await _store(session, seller_id, product_id, label={**label, **facts})


async def all_of(turn: Turn) -> list[dict[str, Any]]:
    """Every stored row of the seller (for /mydata)."""
    assert turn.seller is not None
    rows = await turn.session.execute(
        select(TABLE.c.product_id, TABLE.c.ticks, TABLE.c.label, TABLE.c.updated_at)
        .where(TABLE.c.seller_id == turn.seller.id).order_by(TABLE.c.product_id))
    return [dict(r) for r in rows.mappings()]
