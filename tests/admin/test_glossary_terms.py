"""Issue 24 §3, the facilitator's side: a word a facilitator put into English is kept for
her district, checked by someone else, used by the drafts of the district's sellers (then
everyone's once an operator shares it); and where the bot put a line into English itself,
a facilitator corrects it, the drafts take hers and the seller is told what changed.
Access is checked in the services: a facilitator only for her districts, never checking
her own word, sharing for operators only."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy import insert, select, update

from bot.admin import english_fixes, english_screens, exports, glossary_screens
from bot.admin.staff import Role
from bot.conversation.turn import Gone
from bot.db import sellers
from bot.db.engine import Database
from bot.db.models import OutboxMessage, Product, Seller, utcnow
from bot.i18n import use_locale
from bot.listing import drafts, english_needed, glossary_terms
from bot.outbox import queue as outbox
from bot.parsing.validators import Invalid
from bot.reference import phrases, tokens

F1 = Role(operator=False, districts=frozenset({"firozabad"}), telegram_id=71)
F2 = Role(operator=False, districts=frozenset({"firozabad"}), telegram_id=72)
AGRA = Role(operator=False, districts=frozenset({"agra"}), telegram_id=73)
OPERATOR = Role(operator=True, districts=frozenset({"firozabad", "agra"}), telegram_id=1)

SHIMMER = "झिलमिल चूड़ी"
PATTERN = "dhone pe rang nahi utarta"  # rendered by pattern: "Colour does not run in ..."


async def _seller(session, telegram_id: int, district: str, features: list[str]
                  ) -> tuple[Seller, int]:
    created, _new = await sellers.create(session, telegram_id, telegram_id, "hi")
    await session.execute(update(Seller.__table__).where(Seller.__table__.c.id == created.id)
                          .values(name="सीमा", district_code=district))
    result = await session.execute(insert(Product.__table__).values(
        seller_id=created.id, status="ready", photos=[], created_at=utcnow(),
        updated_at=utcnow(), answers={"category": "glass_bangles", "name": "कांच की चूड़ियाँ",
                                      "features": features, "care": ["सूखे कपड़े से पोंछें"]}))
    return await sellers.by_id(session, created.id), result.inserted_primary_key[0]


async def _answers(session, product_id: int) -> dict:
    table = Product.__table__
    return (await session.execute(select(table.c.answers).where(
        table.c.id == product_id))).scalar_one()


async def _features(session, seller: Seller, product_id: int) -> tuple[list[str], list]:
    terms = await glossary_terms.in_use(session, seller.district_code)
    facts = drafts.SellerFacts("Seema", None, seller.district_code, None, None, None, None,
                               None, terms=terms)
    made = drafts.product_facts(await _answers(session, product_id), [], facts)
    return made.bullets, made.gaps


async def _run(settings, walk) -> None:
    database = Database(settings.database_url)
    try:
        await walk(database)
    finally:
        await database.dispose()


async def test_a_kept_word_is_checked_then_used_by_the_district_then_shared(settings) -> None:
    await _run(settings, _kept_word)


async def test_the_facilitator_corrects_the_bots_english(settings) -> None:
    await _run(settings, _correction)


async def _kept_word(database: Database) -> None:
    now = utcnow()
    async with database.transaction() as session:
        seema, first = await _seller(session, 801, "firozabad", [SHIMMER])
        asha, second = await _seller(session, 802, "firozabad", ["कांच की झिलमिल चूड़ियाँ"])
        agra, third = await _seller(session, 803, "agra", [SHIMMER])
        await english_needed.sync(session, seema, first, await _answers(session, first))
        [waiting] = await english_screens.waiting(session, F1, "firozabad")
        await english_screens.answer(session, F1, waiting.id, "Shimmering bangle", now=now)

        # What may be kept: the short line with its English, and the unknown word.
        found = await glossary_screens.candidates(session, F1, waiting.id)
        assert [(c.term, c.english) for c in found] == [
            (SHIMMER, "Shimmering bangle"), ("झिलमिल", "")]
        with pytest.raises(Gone):  # another district's line
            await glossary_screens.candidates(session, AGRA, waiting.id)
        with pytest.raises(Invalid):  # words that are not in the seller's line
            await glossary_screens.keep(session, F1, waiting.id, "नीला", "Blue", "colour",
                                        now=now)
        with pytest.raises(Invalid):  # not English letters
            await glossary_screens.keep(session, F1, waiting.id, "झिलमिल", "झिलमिल",
                                        "descriptor", now=now)
        term = await glossary_screens.keep(session, F1, waiting.id, "झिलमिल", "Shimmering",
                                           "descriptor", now=now)
        again = await glossary_screens.keep(session, F1, waiting.id, "झिलमिल", "Glittering",
                                            "descriptor", now=now)
        assert again.id == term.id and term.status == glossary_terms.PROPOSED

        # Unreviewed: nobody's drafts use it; Asha's and the Agra seller's lines wait.
        assert (await _features(session, asha, second))[1]
        assert await english_needed.sync(session, asha, second,
                                         await _answers(session, second)) == 1
        assert await english_needed.sync(session, agra, third,
                                         await _answers(session, third)) == 1
        assert await glossary_screens.waiting_count(session, F1) == 0  # her own word
        assert await glossary_screens.waiting_count(session, F2) == 1
        with pytest.raises(Gone, match="Someone else"):
            await glossary_screens.review(session, F1, term.id, True, now=now)
        with pytest.raises(Gone):
            await glossary_screens.review(session, AGRA, term.id, True, now=now)
        with pytest.raises(Gone):
            await glossary_screens.terms(session, AGRA, "firozabad")
        await glossary_screens.review(session, F2, term.id, True, now=now)
        with pytest.raises(Gone):  # checked already
            await glossary_screens.review(session, F2, term.id, False, now=now)

        # Approved: the district's sellers' drafts use it; Agra's do not yet.
        bullets, gaps = await _features(session, asha, second)
        assert gaps == [] and "Shimmering" in bullets[0] and "Glass" in bullets[0], bullets
        assert english_needed.needing_person(await _answers(session, second)) != []
        assert await english_screens.count(session, F2) == 0  # the bot renders it now
        table = OutboxMessage.__table__
        [told] = (await session.execute(select(table).where(
            table.c.seller_id == asha.id))).all()
        message = outbox.Message(told.id, told.kind, told.dedupe_key, told.seller_id,
                                 told.due_at, told.payload, 0)
        reply = await english_needed.render_done(session, message, asha)
        assert reply is not None and reply.text.startswith("✅ Your line is now in English")
        assert "Glass Shimmering Bangles" in reply.text, reply.text
        assert await english_needed.sync(session, asha, second,
                                         await _answers(session, second)) == 0
        assert (await _features(session, agra, third))[1]
        assert await english_screens.count(session, AGRA) == 1
        # The staff export reads the district's words too.
        rows = await exports.rows_of(session, exports.PRODUCTS, ["firozabad"])
        exported = {tuple(exports._facts(row)[1].bullets[:1]) for row in rows}
        assert any("Shimmering" in b[0] for b in exported if b), exported

        # Sharing is an operator's.
        with pytest.raises(Gone, match="operator"):
            await glossary_screens.promote(session, F2, term.id, now=now)
        await glossary_screens.promote(session, OPERATOR, term.id, now=now)
        with pytest.raises(Gone):  # shared already
            await glossary_screens.promote(session, OPERATOR, term.id, now=now)
        bullets, gaps = await _features(session, agra, third)
        assert gaps == [] and bullets[0].startswith("Shimmering"), bullets
        assert await english_screens.count(session, AGRA) == 0
        listed = await glossary_screens.terms(session, F2, "firozabad")
        assert [(t.term, t.shared) for t in listed] == [("झिलमिल", True)]

        # A rejected word is never used.
        other = await glossary_screens.keep(session, F2, waiting.id, SHIMMER,
                                            "Shimmering bangle", "product", now=now)
        await glossary_screens.review(session, OPERATOR, other.id, False, now=now)
        entries = await glossary_terms.in_use(session, "firozabad")
        assert [e.hindi for e in entries] == ["झिलमिल"]


async def _correction(database: Database) -> None:
    now = utcnow()
    async with database.transaction() as session:
        seema, product_id = await _seller(session, 811, "firozabad", [SHIMMER, PATTERN])
        listed = await english_fixes.to_check(session, F1, "firozabad")
        bot_line = [r for r in listed if r.line == PATTERN][0]
        assert bot_line.english == "Colour does not run in the wash"
        assert (bot_line.field, bot_line.number) == ("features", 2)
        assert SHIMMER not in [r.line for r in listed]  # no English yet: the queue's
        assert "सूखे कपड़े से पोंछें" in [r.line for r in listed]
        with pytest.raises(Gone):
            await english_fixes.to_check(session, AGRA, "firozabad")
        with pytest.raises(Gone):
            await english_fixes.line(session, AGRA, product_id, "features", 2)
        with pytest.raises(Gone):  # the seller changed the line meanwhile
            await english_fixes.correct(session, F1, product_id, "features", 2, "x",
                                        expected="something else", now=now)
        fixed = "Colourfast: the colour stays in the wash"
        request_id = await english_fixes.correct(session, F1, product_id, "features", 2,
                                                 fixed, expected=PATTERN, now=now)
        bullets, _gaps = await _features(session, seema, product_id)
        assert fixed in bullets and "Colour does not run in the wash" not in bullets
        states = dict(english_needed.line_states(await _answers(session, product_id)))
        assert states[PATTERN] == english_needed.GIVEN
        with pytest.raises(Gone):  # corrected: no longer the bot's
            await english_fixes.line(session, F1, product_id, "features", 2)
        assert PATTERN not in [r.line for r in await english_fixes.to_check(
            session, F1, "firozabad")]
        # The seller is told, in her language, what changed.
        table = OutboxMessage.__table__
        row = (await session.execute(select(table).where(
            table.c.dedupe_key == f"english-fix:{request_id}"))).one()
        message = outbox.Message(row.id, row.kind, row.dedupe_key, row.seller_id, row.due_at,
                                 row.payload, 0)
        with use_locale("hi"):
            reply = await english_needed.render_done(session, message, seema)
        assert reply is not None and PATTERN in reply.text
        assert "Colour does not run in the wash" in reply.text and fixed in reply.text
        assert "सुधारी" in reply.text  # the Hindi words around it
        # A word of the corrected line can be kept too.
        found = await glossary_screens.candidates(session, F1, request_id)
        assert all(c.term in PATTERN for c in found)
        assert phrases.GIVEN in await _answers(session, product_id)


@pytest.mark.parametrize(("line", "field", "wanted"), [
    # A walk: "📖 Keep 1…4" offered हर, कर and उसमें beside तराश.
    ("हर पीस को हाथ से तराश कर बनाया और उसमें मीनाकारी की", "story", [("तराश", "")]),
    # A short line loses its edge words, and the English that was the whole line's.
    ("हर घर की शान", "features", [("घर की शान", ""), ("घर", ""), ("शान", "")]),
    ("sabse sasta aur tikau", "features", [("sasta aur tikau", ""), ("sasta", "")]),
    ("मेरे दादाजी ने यह काम शुरू किया था", "story", [("दादाजी", ""), ("शुरू", "")]),
    ("tezaab se saaf mat karo", "care", [("tezaab se saaf", ""), ("tezaab", ""),
                                         ("saaf", "")]),
    # Only grammar words (है) at the end: the glossary ignores them, the English stays.
    ("गर्मी में ठंडक देता है", "features", [("गर्मी में ठंडक देता", "Keeps cool"),
                                              ("गर्मी", ""), ("ठंडक", ""), ("देता", "")]),
    (SHIMMER, "features", [(SHIMMER, "Keeps cool"), ("झिलमिल", "")]),
])
def test_the_words_offered_to_keep_are_content_words(line, field, wanted) -> None:
    """Candidates are content words or short phrases a facilitator would keep: no
    pronoun, conjunction, negation or light verb alone or at a phrase's edge."""
    row = SimpleNamespace(line=line, field=field, english="Keeps cool")
    found = glossary_screens._candidates(row)
    assert [(c.term, c.english) for c in found] == wanted
    for candidate in found:
        words = tokens.tokenize(candidate.term)
        assert not glossary_screens._stop(words[0]) and not glossary_screens._stop(words[-1])


def test_the_stop_words_are_few_and_no_craft_word() -> None:
    """The list stays small, and words sellers keep (घर, पीतल, rang) are not on it."""
    assert len(glossary_screens.STOP_WORDS) < 200
    for word in ("घर", "पीतल", "चूड़ी", "rang", "brass", "haath", "हाथ", "काम"):
        assert tokens.normalise(word) not in glossary_screens.STOP_WORDS, word
    for word in ("हर", "कर", "और", "के", "की", "से", "में", "the", "and", "har", "aur"):
        assert glossary_screens.content_phrase(word) == "", word
