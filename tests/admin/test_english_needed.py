"""The "English needed" queue end to end: a seller's line the bot cannot render goes once
to the district's facilitator, who types the English; the draft takes it, the seller is
told through the outbox, /mydata shows the row, a facilitator of another district cannot
see or answer it."""

from __future__ import annotations

import pytest
from sqlalchemy import insert, select, update

from bot.admin import english_screens
from bot.admin.staff import Role
from bot.conversation.turn import Gone
from bot.db import sellers
from bot.db.engine import Database
from bot.db.models import OutboxMessage, Product, Seller, utcnow
from bot.i18n import use_locale
from bot.listing import drafts, english_needed
from bot.reference import phrases

LINE = "बचपन से यही काम सीखा, अब यही रोज़ी रोटी है"


ANSWERS = {"category": "glass_art_ware", "name": "कांच का फूलदान",
           "features": [LINE, "पक्का रंग"], "care": ["हाथ से धोएँ"]}


async def _seller_with_product(session) -> tuple[Seller, int]:
    created, _new = await sellers.create(session, 501, 501, "hi")
    await session.execute(update(Seller.__table__).where(Seller.__table__.c.id == created.id)
                          .values(name="रमेश", district_code="firozabad"))
    result = await session.execute(insert(Product.__table__).values(
        seller_id=created.id, status="ready", answers=ANSWERS, photos=[],
        created_at=utcnow(), updated_at=utcnow()))
    return await sellers.by_id(session, created.id), result.inserted_primary_key[0]


async def _answers(session, product_id: int) -> dict:
    table = Product.__table__
    return (await session.execute(select(table.c.answers).where(
        table.c.id == product_id))).scalar_one()


async def test_a_line_goes_once_to_the_facilitator_and_back(settings) -> None:
    database = Database(settings.database_url)
    try:
        await _walk(database)
    finally:
        await database.dispose()


async def _walk(database: Database) -> None:
    facilitator = Role(operator=False, districts=frozenset({"firozabad"}), telegram_id=9)
    other = Role(operator=False, districts=frozenset({"agra"}), telegram_id=10)
    async with database.transaction() as session:
        seller, product_id = await _seller_with_product(session)
        answers = await _answers(session, product_id)
        assert english_needed.needing_person(answers) == [("features", LINE)]
        assert await english_needed.sync(session, seller, product_id, answers) == 1
        assert await english_needed.sync(session, seller, product_id, answers) == 0  # once
        items = await english_screens.waiting(session, facilitator, "firozabad")
        assert [(i.line, i.product_name, i.seller_name) for i in items] == [
            (LINE, "कांच का फूलदान", "रमेश")]
        assert await english_screens.count(session, facilitator) == 1
        assert await english_screens.count(session, other) == 0
        with pytest.raises(Gone):
            await english_screens.waiting(session, other, "firozabad")
        with pytest.raises(Gone):  # a crafted button for someone else's district
            await english_screens.answer(session, other, items[0].id, "x", now=utcnow())
        await english_screens.answer(session, facilitator, items[0].id,
                                     "I learnt this craft as a child; it is my livelihood",
                                     now=utcnow())
        with pytest.raises(Gone):  # answered already
            await english_screens.answer(session, facilitator, items[0].id, "y", now=utcnow())
        answers = await _answers(session, product_id)
        assert answers[phrases.GIVEN] == {
            LINE: "I learnt this craft as a child; it is my livelihood"}
        english = drafts.english_answers(answers)
        assert english.gaps == []
        assert english.features == ["I learnt this craft as a child; it is my livelihood",
                                    "Colourfast"]
        assert english.care == ["Hand wash"]
        table = OutboxMessage.__table__
        sent = (await session.execute(select(table.c.kind, table.c.seller_id))).all()
        assert [tuple(m) for m in sent] == [(english_needed.KIND, seller.id)]
        assert len(await english_needed.of_seller(session, seller.id)) == 1
        # The seller removes the line: nothing is left waiting for it.
        answers = {**answers, "features": ["पक्का रंग"]}
        await english_needed.sync(session, seller, product_id, answers)
        assert await english_screens.count(session, facilitator) == 0


def test_each_line_says_where_it_is() -> None:
    """Issue 24: "ℹ️ More" says per line whether it is in English or with a person."""
    answers = {**ANSWERS, "features": [LINE, "पक्का रंग", "dhone pe rang nahi utarta"]}
    states = dict(english_needed.line_states(answers))
    assert states[LINE] == english_needed.WAITING
    assert states["पक्का रंग"] == english_needed.RENDERED
    assert states["हाथ से धोएँ"] == english_needed.RENDERED
    assert states["dhone pe rang nahi utarta"] == english_needed.RENDERED  # by pattern
    given = {**answers, phrases.GIVEN: {LINE: "I learnt this craft as a child"}}
    assert dict(english_needed.line_states(given))[LINE] == english_needed.GIVEN


@pytest.mark.parametrize(("locale", "shown"), [("en", "Pure brass"), ("hi", "शुद्ध पीतल")])
def test_a_ready_line_is_listed_in_the_sellers_language(locale, shown) -> None:
    """A ticked line is listed by its label in the seller's language (as the summary shows
    it), not by its Hindi source; a typed line as typed."""
    answers = {**ANSWERS, "features": ["#pure_brass", LINE]}
    with use_locale(locale):
        states = english_needed.line_states(answers)
    assert states[:2] == [(shown, english_needed.RENDERED), (LINE, english_needed.WAITING)]
