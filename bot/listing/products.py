"""The ``products`` table's owner: every statement on it is here.

Other slices (drafts, pricing, privacy) call these functions; nobody else writes
``update(products)``. Every read for a seller goes through ``owned``: button data names a
product id, and the id is only ever used together with the presser's own seller id.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert, select, update

from bot.conversation.turn import Gone, Turn
from bot.db.models import Product, utcnow
from bot.i18n import _
from bot.reference import phrases

TABLE = Product.__table__

READY = "ready"
SENT = "sent"  # drafts sent


async def owned(turn: Turn, product_id: int) -> dict[str, Any]:
    """The presser's own product, or ``Gone`` (someone else's, deleted, or made up)."""
    assert turn.seller is not None
    return await owned_by(turn.session, turn.seller.id, product_id)


async def owned_by(session: Any, seller_id: int, product_id: int) -> dict[str, Any]:
    """``owned`` for a service that has no Turn (the session and the acting seller's id)."""
    row = (await session.execute(
        select(TABLE).where(TABLE.c.id == product_id, TABLE.c.seller_id == seller_id)
    )).mappings().first()
    if row is None:
        raise Gone(_("This product no longer exists."))
    return dict(row)


async def exists(turn: Turn, product_id: int) -> bool:
    try:
        await owned(turn, product_id)
    except Gone:
        return False
    return True


async def all_of(turn: Turn) -> list[dict[str, Any]]:
    assert turn.seller is not None
    return await all_by(turn.session, turn.seller.id)


async def all_by(session: Any, seller_id: int) -> list[dict[str, Any]]:
    rows = await session.execute(
        select(TABLE).where(TABLE.c.seller_id == seller_id).order_by(TABLE.c.id))
    return [dict(r) for r in rows.mappings()]


async def create(turn: Turn, answers: dict[str, Any], photos: list[dict[str, Any]]) -> int:
    assert turn.seller is not None
    now = utcnow()
    result = await turn.session.execute(insert(TABLE).values(
        seller_id=turn.seller.id, status=READY, answers=answers, photos=photos,
        created_at=now, updated_at=now))
    return result.inserted_primary_key[0]


async def _update(turn: Turn, product_id: int, **values: Any) -> None:
    assert turn.seller is not None
    await turn.session.execute(update(TABLE).where(
        TABLE.c.id == product_id, TABLE.c.seller_id == turn.seller.id).values(
        updated_at=utcnow(), **values))


async def replace_answers(turn: Turn, product_id: int, answers: dict[str, Any],
                          photos: list[dict[str, Any]]) -> None:
    """An edit from the wizard: drafts sent before it are out of date until resent."""
    await _update(turn, product_id, answers=answers, photos=photos, status=READY,
                  drafts_sent_at=None)


async def set_prices(turn: Turn, product_id: int, answers: dict[str, Any]) -> None:
    await _update(turn, product_id, answers=answers)


async def set_photos(turn: Turn, product_id: int, photos: list[dict[str, Any]]) -> None:
    await _update(turn, product_id, photos=photos)


def mark_drafts_sent(turn: Turn, product_id: int) -> None:
    """Record "drafts sent" once the drafts were delivered (``Turn.after_delivery``)."""
    assert turn.seller is not None
    seller_id = turn.seller.id

    async def mark(session: Any) -> None:
        # Not through _update: sending drafts is not an edit of the product.
        await session.execute(update(TABLE).where(
            TABLE.c.id == product_id, TABLE.c.seller_id == seller_id).values(
            drafts_sent_at=utcnow(), status=SENT))

    turn.after_delivery.append(mark)


async def remove(turn: Turn, product_id: int) -> None:
    assert turn.seller is not None
    await turn.session.execute(delete(TABLE).where(
        TABLE.c.id == product_id, TABLE.c.seller_id == turn.seller.id))


async def set_given(session: Any, seller_id: int, product_id: int, line: str,
                    english: str) -> None:
    """A facilitator's English for one of the product's lines, where the drafts read it
    (not an edit by the seller: the status and the time of the last edit stay)."""
    product = await owned_by(session, seller_id, product_id)
    answers = dict(product["answers"])
    answers[phrases.GIVEN] = {**(answers.get(phrases.GIVEN) or {}), line: english}
    await session.execute(update(TABLE).where(TABLE.c.id == product_id)
                          .values(answers=answers))
