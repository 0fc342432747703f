"""The ``glossary_terms`` table's owner: a district's own glossary words.

When a facilitator puts a seller's word or short phrase into English, she may keep it for
her district. Nothing enters a glossary unreviewed: a kept term is *proposed*; someone
else (another facilitator of the district, or an operator) approves or rejects it; an
operator may then promote an approved term to every district. ``in_use`` gives the
approved terms as glossary entries for one district's sellers (the district's own first,
then the shared ones), which the drafts put before the shipped glossary
(``bot.reference.glossary.extra``). Access is checked by the callers (``bot/admin``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, or_, select, update

from bot.db.models import GlossaryTerm, utcnow
from bot.reference import glossary

TABLE = GlossaryTerm.__table__
c = TABLE.c
PROPOSED, APPROVED, REJECTED = "proposed", "approved", "rejected"
KINDS = ("product", "material", "colour", "descriptor")
ENGLISH_MAX = 60
SHARED_SOURCE = "shared"


@dataclass(frozen=True)
class Term:
    id: int
    district_code: str
    term: str
    english: str
    kind: str
    status: str
    shared: bool
    proposed_by: int
    reviewed_by: int | None
    request_id: int | None


def key_of(term: str) -> str:
    """The term folded as the glossary matches it ("" when it cannot be an entry)."""
    return " ".join(t.loose for t in glossary.term_words(term))


def _term(row: Any) -> Term:
    return Term(row.id, row.district_code, row.term, row.english, row.kind, row.status,
                bool(row.shared), row.proposed_by, row.reviewed_by, row.request_id)


async def get(session: Any, term_id: int) -> Term | None:
    row = (await session.execute(select(TABLE).where(c.id == term_id))).first()
    return _term(row) if row is not None else None


async def kept(session: Any, district: str, term: str) -> Term | None:
    """The district's term for these words that is not rejected, if any."""
    row = (await session.execute(select(TABLE).where(
        c.district_code == district, c.term_key == key_of(term), c.status != REJECTED)
        .order_by(c.id).limit(1))).first()
    return _term(row) if row is not None else None


async def propose(session: Any, *, district: str, term: str, english: str, kind: str,
                  by: int, request_id: int | None, now: datetime | None = None) -> Term:
    """Keep a term for review (the one kept already, if these words are)."""
    assert kind in KINDS and key_of(term) and glossary.valid_english(english)
    found = await kept(session, district, term)
    if found is not None:
        return found
    result = await session.execute(insert(TABLE).values(
        district_code=district, term=term[:120], term_key=key_of(term)[:200],
        english=english[:ENGLISH_MAX], kind=kind, status=PROPOSED, shared=False,
        request_id=request_id, proposed_by=by, created_at=now or utcnow()))
    term_row = await get(session, result.inserted_primary_key[0])
    assert term_row is not None
    return term_row


async def of_districts(session: Any, districts: list[str], statuses: tuple[str, ...],
                       limit: int = 30) -> list[Term]:
    rows = await session.execute(select(TABLE).where(
        c.district_code.in_(districts), c.status.in_(statuses))
        .order_by(c.status.desc(), c.created_at, c.id).limit(limit))
    return [_term(r) for r in rows]


async def waiting(session: Any, districts: list[str]) -> int:
    """Proposed terms of these districts (for the staff menu's count)."""
    return len(await of_districts(session, districts, (PROPOSED,), limit=1000))


async def review(session: Any, term_id: int, approve: bool, *, by: int,
                 now: datetime) -> bool:
    """Approve or reject a proposed term (False: reviewed meanwhile, or gone)."""
    done = await session.execute(update(TABLE).where(c.id == term_id, c.status == PROPOSED)
                                 .values(status=APPROVED if approve else REJECTED,
                                         reviewed_by=by, reviewed_at=now))
    return done.rowcount == 1


async def promote(session: Any, term_id: int, *, by: int, now: datetime) -> bool:
    """An approved term for every district (False: not approved, or shared already)."""
    done = await session.execute(update(TABLE).where(
        c.id == term_id, c.status == APPROVED, c.shared.is_(False))
        .values(shared=True, promoted_by=by, promoted_at=now))
    return done.rowcount == 1


def _entry(row: Any) -> glossary.Entry:
    source = SHARED_SOURCE if row.shared else f"district:{row.district_code}"
    return glossary.Entry(row.english, row.term, (), row.kind, source, -row.id)


async def in_use(session: Any, district: str | None) -> tuple[glossary.Entry, ...]:
    """The approved terms a seller of ``district`` gets: the district's own, then the
    shared ones (each in the order they were kept)."""
    wanted = c.shared.is_(True) if not district else or_(
        c.shared.is_(True), c.district_code == district)
    rows = (await session.execute(select(TABLE).where(c.status == APPROVED, wanted)
                                  .order_by(c.id))).all()
    own = [_entry(r) for r in rows if r.district_code == district]
    return (*own, *(_entry(r) for r in rows if r.district_code != district))


async def forget_staff(session: Any, telegram_id: int, anonymous: int) -> None:
    """A staff member's /delete: the terms stay, without their Telegram id."""
    for column in ("proposed_by", "reviewed_by", "promoted_by"):
        await session.execute(update(TABLE).where(c[column] == telegram_id)
                              .values({column: anonymous}))
