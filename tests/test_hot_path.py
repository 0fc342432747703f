"""The shortcuts on every update (``make bench`` part (b)) keep their promises: the seller
row as an object, SQLite's connection kept between transactions, shared keyboards."""

from __future__ import annotations

import pytest

from bot.conversation.turn import Button, Reply
from bot.db import sellers
from bot.db.engine import Database
from bot.runtime import replies


async def test_a_loaded_seller_has_the_rows_values_and_saves_changes(sqlite_settings) -> None:
    database = Database(sqlite_settings.database_url)
    try:
        async with database.transaction() as session:
            await sellers.create(session, 4_400_001, 4_400_001, "hi")
        async with database.transaction() as session:
            seller, stored = await sellers.load(session, 4_400_001, lock=False)
            assert {key: getattr(seller, key) for key in sellers.COLUMNS} == stored
            assert seller.language == "hi" and seller.name is None
            seller.name = "Sunita Devi"
            await sellers.save(session, seller, stored)
        async with database.transaction() as session:
            seller, _ = await sellers.load(session, 4_400_001, lock=False)
            assert seller.name == "Sunita Devi"
    finally:
        await database.dispose()


async def test_the_kept_connection_is_left_after_a_failure(sqlite_settings) -> None:
    database = Database(sqlite_settings.database_url)
    try:
        async with database.transaction() as session:
            first = session.sync_connection
            await sellers.create(session, 4_400_002, 4_400_002, "en")
        async with database.transaction() as session:
            assert session.sync_connection is first  # kept, not out of the pool again
        with pytest.raises(RuntimeError):
            async with database.transaction() as session:
                await sellers.create(session, 4_400_003, 4_400_003, "en")
                raise RuntimeError("the service failed")
        async with database.transaction() as session:
            assert session.sync_connection is not first  # a fresh one after a failure
            assert await sellers.load(session, 4_400_003, lock=False) is None  # rolled back
            assert await sellers.load(session, 4_400_002, lock=False) is not None
    finally:
        await database.dispose()


def test_keyboards_are_shared_and_few() -> None:
    rows = [[Button("A", "t|1")], [Button("B", "t|2"), Button("C", "t|3")]]
    one = replies.markup(Reply("q", buttons=rows))
    assert replies.markup(Reply("other text", buttons=[list(r) for r in rows])) is one
    assert replies.markup(Reply("q", buttons=[[Button("A", "t|9")]])) is not one
    assert one.to_dict() == {"inline_keyboard": [
        [{"text": "A", "callback_data": "t|1"}],
        [{"text": "B", "callback_data": "t|2"}, {"text": "C", "callback_data": "t|3"}]]}
    for i in range(replies._INLINE_KEPT + 10):
        replies.markup(Reply("q", buttons=[[Button("n", f"t|n{i}")]]))
    assert len(replies._INLINE) <= replies._INLINE_KEPT
