"""The "English needed" queue: a seller's feature, care or story line the bot cannot put
into English goes, once, to the facilitators of the seller's district; a facilitator's
English goes into the product's drafts and the seller is told in their language. The one
module that writes ``english_requests``.

``sync`` runs when a product is saved: lines that need a person and are not queued yet
are added (a line saved again is not sent twice); lines the seller removed leave the queue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update

from bot.conversation.turn import Reply
from bot.db.models import EnglishRequest, Product, Seller, utcnow
from bot.i18n import _
from bot.listing import glossary_terms
from bot.outbox import queue as outbox
from bot.reference import glossary, phrases

TABLE = EnglishRequest.__table__
c = TABLE.c
# settled: the bot renders the line now (a district's glossary word was approved)
OPEN, DONE, SETTLED = "open", "done", "settled"
FIELDS = {"features": "feature", "care": "care", "story": "story"}
KIND = "english_done"


@dataclass(frozen=True)
class Waiting:
    id: int
    seller_id: int
    product_id: int
    district_code: str | None
    field: str
    line: str
    seller_name: str | None
    product_name: str


def needing_person(answers: dict[str, Any]) -> list[tuple[str, str]]:
    """(field, line) of each line of the answers the bot cannot render."""
    out = []
    for field, kind in FIELDS.items():
        value = answers.get(field) or []
        for item in [value] if isinstance(value, str) else value:
            if phrases.resolve(item) is None and phrases.english_line(item, kind).gap:
                out.append((field, item))
    return out


RENDERED, GIVEN, WAITING = "rendered", "given", "waiting"


def line_states(answers: dict[str, Any], terms: tuple[glossary.Entry, ...] = ()
                ) -> list[tuple[str, str]]:
    """Each feature, care and story line as the seller knows it (a ready-made choice: its
    label in the seller's language, as the product's summary shows it; a typed line as
    typed) with what happened to it: her facilitator put it into English (or corrected
    the bot's), the bot did (with the district's reviewed words, ``terms``), or it waits
    for her facilitator."""
    done = answers.get(phrases.GIVEN) or {}
    out = []
    with glossary.extra(terms):
        for field, kind in FIELDS.items():
            value = answers.get(field) or []
            for item in [value] if isinstance(value, str) else value:
                line = phrases.english_line(item, kind)
                phrase = phrases.resolve(item)  # a ready-made choice, or None: typed
                state = (GIVEN if item in done and phrase is None
                         else RENDERED if not line.gap else WAITING)
                out.append((phrase.label() if phrase else line.source, state))
    return out


async def given(session: Any, product_id: int) -> dict[str, str]:
    """The facilitators' English for the product's lines, by line (for the drafts)."""
    rows = await session.execute(select(c.line, c.english).where(
        c.product_id == product_id, c.status == DONE))
    return {line: english for line, english in rows}


async def sync(session: Any, seller: Seller, product_id: int, answers: dict[str, Any], *,
               now: datetime | None = None) -> int:
    """Queue the product's lines that need a person (the district's reviewed words
    count); returns how many were added."""
    with glossary.extra(await glossary_terms.in_use(session, seller.district_code)):
        wanted = needing_person(answers)
    rows = (await session.execute(select(c.id, c.field, c.line, c.status).where(
        c.product_id == product_id))).all()
    have = {(r.field, r.line) for r in rows}
    gone = [r.id for r in rows if r.status == OPEN and (r.field, r.line) not in wanted]
    if gone:
        await session.execute(delete(TABLE).where(c.id.in_(gone)))
    added = [(f, line) for f, line in dict.fromkeys(wanted) if (f, line) not in have]
    for field, line in added:
        await session.execute(insert(TABLE).values(
            seller_id=seller.id, product_id=product_id, district_code=seller.district_code,
            field=field, line=line, status=OPEN, created_at=now or utcnow()))
    return len(added)


async def settle(session: Any, districts: list[str] | None, *, now: datetime) -> int:
    """Open lines the bot can now put into English itself (a glossary word was approved
    or shared) leave the queue: the drafts render them, and the seller, who was told a
    person would do it, hears that the line is in English. ``None``: every district."""
    query = select(c.id, c.field, c.line, c.district_code, c.seller_id).where(
        c.status == OPEN)
    if districts is not None:
        query = query.where(c.district_code.in_(districts))
    terms: dict[str | None, tuple[glossary.Entry, ...]] = {}
    settled = 0
    for row in (await session.execute(query)).all():
        if row.district_code not in terms:
            terms[row.district_code] = await glossary_terms.in_use(session, row.district_code)
        with glossary.extra(terms[row.district_code]):
            line = phrases.english_line(row.line, FIELDS.get(row.field, "feature"))
        if line.gap:
            continue
        await session.execute(update(TABLE).where(c.id == row.id, c.status == OPEN).values(
            english=line.english, status=SETTLED, answered_at=now))
        await outbox.enqueue(session, kind=KIND, key=f"english:{row.id}",
                             seller_id=row.seller_id, due_at=now, now=now,
                             payload={"request": row.id})
        settled += 1
    return settled


_WAITING = (select(c.id, c.seller_id, c.product_id, c.district_code, c.field, c.line,
                   Seller.name, Product.answers)
            .join(Seller, Seller.id == c.seller_id).join(Product, Product.id == c.product_id)
            .where(c.status == OPEN).order_by(c.created_at, c.id))


async def waiting(session: Any, districts: list[str], limit: int = 30) -> list[Waiting]:
    """Open lines of sellers in these districts, oldest first."""
    rows = await session.execute(_WAITING.where(c.district_code.in_(districts)).limit(limit))
    return [Waiting(r.id, r.seller_id, r.product_id, r.district_code, r.field, r.line,
                    r.name, str((r.answers or {}).get("name") or "")) for r in rows]


async def count(session: Any, districts: list[str]) -> int:
    result = await session.execute(select(func.count()).select_from(TABLE).where(
        c.status == OPEN, c.district_code.in_(districts)))
    return int(result.scalar() or 0)


async def get(session: Any, request_id: int) -> Any:
    return (await session.execute(select(TABLE).where(c.id == request_id))).first()


async def answer(session: Any, request_id: int, english: str, *, by: int,
                 now: datetime) -> bool:
    """Record the English (False: answered meanwhile, or gone) and queue the seller's
    notice; the caller has checked the staff member's district."""
    done = await session.execute(update(TABLE).where(c.id == request_id, c.status == OPEN)
                                 .values(english=english, status=DONE, answered_by=by,
                                         answered_at=now))
    if done.rowcount != 1:
        return False
    row = await get(session, request_id)
    await outbox.enqueue(session, kind=KIND, key=f"english:{request_id}",
                         seller_id=row.seller_id, due_at=now, now=now,
                         payload={"request": request_id})
    return True


# ------------------------------------------------- the bot's English, checked by a person


@dataclass(frozen=True)
class Rendered:
    """A seller's line the bot put into English itself (by pattern or word by word), for
    a facilitator to check: ``number`` counts from 1 within the product's ``field``."""

    seller_id: int
    product_id: int
    district_code: str
    field: str
    number: int
    line: str
    english: str
    seller_name: str | None
    product_name: str


def _items(answers: dict[str, Any], field: str) -> list[str]:
    value = answers.get(field) or []
    return [value] if isinstance(value, str) else list(value)


def bot_english(item: str, kind: str) -> str | None:
    """The bot's own English for a typed Hindi line (None: a ready-made line, a line
    typed in English, or one with no English yet)."""
    if phrases.resolve(item) is not None:
        return None
    line = phrases.english_line(item, kind)
    if line.gap or line.english == line.source.strip():
        return None
    return line.english


def rendered_in(row: Any, terms: tuple[glossary.Entry, ...]) -> list[Rendered]:
    """A product's lines the bot rendered and no person has given or corrected."""
    answers = row.answers or {}
    given = answers.get(phrases.GIVEN) or {}
    out = []
    with glossary.extra(terms):
        for field, kind in FIELDS.items():
            for number, item in enumerate(_items(answers, field), 1):
                english = None if item in given else bot_english(item, kind)
                if english is not None:
                    out.append(Rendered(row.seller_id, row.id, row.district_code, field,
                                        number, item, english, row.name,
                                        str(answers.get("name") or "")))
    return out


_PRODUCTS = (select(Product.id, Product.seller_id, Product.answers, Seller.name,
                    Seller.district_code)
             .join(Seller, Seller.id == Product.seller_id)
             .order_by(Product.updated_at.desc(), Product.id.desc()))


async def rendered(session: Any, districts: list[str], limit: int = 30,
                   scan: int = 300) -> list[Rendered]:
    """The bot's English of the latest products of these districts, newest first."""
    rows = await session.execute(_PRODUCTS.where(Seller.district_code.in_(districts))
                                 .limit(scan))
    terms: dict[str, tuple[glossary.Entry, ...]] = {}
    out: list[Rendered] = []
    for row in rows:
        if row.district_code not in terms:
            terms[row.district_code] = await glossary_terms.in_use(session, row.district_code)
        out += rendered_in(row, terms[row.district_code])
        if len(out) >= limit:
            break
    return out[:limit]


async def rendered_line(session: Any, product_id: int, field: str,
                        number: int) -> Rendered | None:
    """One line the bot rendered, as it is now (None: changed, corrected, or gone)."""
    row = (await session.execute(_PRODUCTS.where(Product.id == product_id))).first()
    if row is None:
        return None
    terms = await glossary_terms.in_use(session, row.district_code)
    found = [r for r in rendered_in(row, terms) if (r.field, r.number) == (field, number)]
    return found[0] if found else None


async def correct(session: Any, line: Rendered, english: str, *, by: int,
                  now: datetime) -> int:
    """Record a facilitator's correction of the bot's English (a done request that keeps
    the bot's words) and queue the seller's notice; returns the request's id. The caller
    has checked the staff member's district."""
    found = (await session.execute(select(c.id).where(
        c.product_id == line.product_id, c.field == line.field, c.line == line.line))).first()
    values = {"english": english, "bot_english": line.english, "status": DONE,
              "answered_by": by, "answered_at": now}
    if found is not None:
        request_id = found.id
        await session.execute(update(TABLE).where(c.id == request_id).values(**values))
    else:
        result = await session.execute(insert(TABLE).values(
            seller_id=line.seller_id, product_id=line.product_id,
            district_code=line.district_code, field=line.field, line=line.line,
            created_at=now, **values))
        request_id = result.inserted_primary_key[0]
    await outbox.enqueue(session, kind=KIND, key=f"english-fix:{request_id}",
                         seller_id=line.seller_id, due_at=now, now=now,
                         payload={"request": request_id})
    return request_id


async def forget_staff(session: Any, telegram_id: int, anonymous: int) -> None:
    """A staff member's /delete: the English stays, without their Telegram id."""
    await session.execute(update(TABLE).where(c.answered_by == telegram_id)
                          .values(answered_by=anonymous))


async def of_seller(session: Any, seller_id: int) -> list[dict[str, Any]]:
    rows = await session.execute(select(TABLE).where(c.seller_id == seller_id))
    return [dict(r._mapping) for r in rows]


async def render_done(session: Any, message: outbox.Message, seller: Seller) -> Reply | None:
    """"Your line is now in English", in the seller's language, with both sides."""
    row = await get(session, int(message.payload.get("request", 0)))
    if row is None or row.status not in (DONE, SETTLED):
        return None
    if row.status == SETTLED:
        return Reply(text=_("✅ Your line is now in English:") +
                     f"\n{row.line}\n→ {row.english}")
    if row.bot_english:  # a correction: what the bot had said, and what it says now
        return Reply(text=_("✏ Your facilitator corrected the English of your line:") +
                     f"\n{row.line}\n✖ {row.bot_english}\n✅ {row.english}")
    return Reply(text=_("✅ Your facilitator put your line into English:") +
                 f"\n{row.line}\n→ {row.english}")


KINDS = (outbox.Kind(KIND, render_done),)
