"""Loading and saving the seller row on every update, with plain SQL statements.

This is the hot path (every message and button press). The row is read into a ``Seller``
object that is never attached to the ORM session; at the end of the update only the
columns that changed are written back with one UPDATE. This keeps an update to two short
statements instead of the ORM's unit of work, and the statements are built once: building
a statement costs more than running it on SQLite (see ``make bench``).
"""

from __future__ import annotations

from datetime import timedelta
from functools import cache
from typing import Any

from sqlalchemy import and_, bindparam, case, func, select, update
from sqlalchemy import delete as sql_delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import configure_mappers

from bot.db.models import Seller, Staff, Uncounted, as_utc, utcnow

TOUCH_AFTER = timedelta(minutes=5)

TABLE = Seller.__table__
UNCOUNTED = Uncounted.__table__
STAFF = Staff.__table__
TESTER, OPERATOR = "tester", "operator"  # why someone is in ``uncounted``
COLUMNS = tuple(c.key for c in TABLE.columns)


def _snapshot(seller: Seller) -> dict[str, Any]:
    return {key: getattr(seller, key) for key in COLUMNS}


_NEW_SELLER = Seller._sa_class_manager.new_instance
_configured = False


def _seller(row: Any) -> Seller:
    """A ``Seller`` holding ``row``'s values, as the ORM's own loading builds one: the
    values go straight into the instance. ``Seller(**row)`` set them one by one through the
    attribute events (each a change to record for a session this object never joins):
    a twentieth of a form step (``make bench`` part (b))."""
    global _configured
    if not _configured:  # what Seller() does first (the mappers are set up once)
        configure_mappers()
        _configured = True
    seller = _NEW_SELLER()
    seller.__dict__.update(row)
    return seller


_SELECT = select(TABLE).where(TABLE.c.telegram_id == bindparam("telegram_id"))
_SELECT_FOR_UPDATE = _SELECT.with_for_update()


@cache
def _update_statement(columns: tuple[str, ...]):
    return (update(TABLE).where(TABLE.c.id == bindparam("_id"))
            .values({key: bindparam(key) for key in columns}))


# The profile form's key (bot.seller.profile): slices below the seller slice start or
# resume it by key, without importing it.
PROFILE_FORM = "profile"


def counted():
    """A real seller, as a condition on ``sellers``: the one definition every number and
    list staff report upward uses (the funnel, broadcast and announcement audiences,
    attendance and ratings, who needs help, the exports). Not a staff member's chat row
    (no consent), not a facilitator (``staff``), not a tester or an operator
    (``uncounted``). A facilitator who leaves the staff counts again from then on."""
    telegram_id = TABLE.c.telegram_id
    return and_(TABLE.c.consented_at.is_not(None),
                telegram_id.not_in(select(STAFF.c.telegram_id)),
                telegram_id.not_in(select(UNCOUNTED.c.telegram_id)))


# The name a seller gave: saved, or typed in the profile form they have not finished
# (staff act on people by name, and "(no name yet)" hid who had typed one).
NAME = func.coalesce(TABLE.c.name, case(
    (TABLE.c.form_state[("form",)].as_string() == PROFILE_FORM,
     TABLE.c.form_state[("answers", "name")].as_string()), else_=None))


def is_seller(row: Seller | None) -> bool:
    """A row that is a seller (it agreed), not a staff member's chat row."""
    return row is not None and row.consented_at is not None


def profile_complete(seller: Seller | None) -> bool:
    """The profile form was saved once (drafts need its district and contact details)."""
    return seller is not None and seller.profile_saved_at is not None


async def load(session: Any, telegram_id: int, lock: bool) -> tuple[Seller, dict] | None:
    """The seller and a snapshot of the stored values. ``lock``: FOR UPDATE (PostgreSQL),
    so that two processes never interleave one conversation."""
    query = _SELECT_FOR_UPDATE if lock else _SELECT
    row = (await session.execute(query, {"telegram_id": telegram_id})).mappings().first()
    if row is None:
        return None
    return _seller(row), dict(row)


async def create(session: Any, telegram_id: int, chat_id: int, language: str
                 ) -> tuple[Seller, dict] | None:
    """The new seller's row, or None if another update (perhaps in another process)
    created it first: two quick "I agree" taps make one seller, not a unique-key crash.
    A staff member's chat row (no consent yet) becomes their seller row, "joined" now."""
    now = utcnow()
    values = {"telegram_id": telegram_id, "chat_id": chat_id, "language": language,
              "consented_at": now, "created_at": now, "updated_at": now}
    insert = pg_insert if session.dialect.name == "postgresql" else sqlite_insert
    statement = insert(TABLE).values(**values)
    result = await session.execute(statement.on_conflict_do_update(
        index_elements=["telegram_id"],
        set_={key: statement.excluded[key] for key in values if key != "telegram_id"},
        where=TABLE.c.consented_at.is_(None)).returning(TABLE.c.id))
    if result.first() is None:
        return None
    return await load(session, telegram_id, lock=False)


async def create_staff_chat(session: Any, telegram_id: int, chat_id: int, language: str
                            ) -> tuple[Seller, dict]:
    """A staff member's chat row, for a staff form (a broadcast, a message to a seller, a
    workshop) before they ever agreed as a seller: it holds the form in progress and is
    where answers to them are sent (the outbox names a row). Never a seller: no consent,
    so ``counted()`` and every seller screen leave it out."""
    insert = pg_insert if session.dialect.name == "postgresql" else sqlite_insert
    now = utcnow()
    await session.execute(insert(TABLE).values(
        telegram_id=telegram_id, chat_id=chat_id, language=language, consented_at=None,
        created_at=now, updated_at=now).on_conflict_do_nothing(index_elements=["telegram_id"]))
    loaded = await load(session, telegram_id, lock=False)
    assert loaded is not None
    return loaded


async def save(session: Any, seller: Seller, stored: dict[str, Any]) -> None:
    """Write the columns that changed since ``stored`` (updated_at is set by the table).
    With nothing changed, updated_at is still refreshed now and then: it says when the
    seller was last here ("welcome back" after a long absence)."""
    changed = {key: value for key, value in _snapshot(seller).items()
               if key != "updated_at" and value != stored.get(key)}
    last = stored.get("updated_at")
    if not changed and (last is None or utcnow() - as_utc(last) > TOUCH_AFTER):
        changed = {"updated_at": utcnow()}
    if changed:
        statement = _update_statement(tuple(sorted(changed)))
        await session.execute(statement, {"_id": seller.id, **changed})


async def delete(session: Any, seller: Seller) -> None:
    # step_progress rows go with it (ON DELETE CASCADE).
    await session.execute(sql_delete(TABLE).where(TABLE.c.id == seller.id))


_BY_ID = select(TABLE).where(TABLE.c.id == bindparam("seller_id"))


async def by_id(session: Any, seller_id: int) -> Seller | None:
    """A seller by row id, read only (the outbox sender renders for them)."""
    row = (await session.execute(_BY_ID, {"seller_id": seller_id})).mappings().first()
    return _seller(row) if row is not None else None


async def set_unreachable(session: Any, seller_id: int, when: Any) -> None:
    """Telegram answered 403 (blocked, deactivated), or None: they are back."""
    await session.execute(update(TABLE).where(TABLE.c.id == seller_id)
                          .values(unreachable_at=when))


async def set_unreachable_by_telegram_id(session: Any, telegram_id: int, when: Any) -> None:
    await session.execute(update(TABLE).where(TABLE.c.telegram_id == telegram_id)
                          .values(unreachable_at=when))


async def count_unreachable(session: Any) -> int:
    """Sellers Telegram last answered 403 for (metrics)."""
    return (await session.execute(select(func.count()).select_from(TABLE)
                                  .where(TABLE.c.unreachable_at.is_not(None)))).scalar()


async def reachable_in(session: Any, district_codes: list[str] | None,
                       craft_keys: list[str] | None) -> list[int]:
    """Ids of real sellers (``counted``) in these districts (None: anywhere) and crafts
    (None or []: any), who have not blocked the bot."""
    query = select(TABLE.c.id).where(TABLE.c.unreachable_at.is_(None), counted())
    if district_codes is not None:
        query = query.where(TABLE.c.district_code.in_(district_codes))
    if craft_keys:
        query = query.where(TABLE.c.craft_key.in_(craft_keys))
    return list((await session.execute(query.order_by(TABLE.c.id))).scalars())


async def id_of_telegram(session: Any, telegram_id: int) -> int | None:
    """The row id of a Telegram user (staff get one at /start, or a chat row with their
    first staff form)."""
    return (await session.execute(select(TABLE.c.id).where(
        TABLE.c.telegram_id == telegram_id))).scalar()


# ---------------------------------------------------------------- who never counts

async def mark_uncounted(session: Any, telegram_id: int, reason: str, by: int | None
                         ) -> bool:
    """``telegram_id`` never counts as a seller from now on; True if newly marked."""
    insert = pg_insert if session.dialect.name == "postgresql" else sqlite_insert
    result = await session.execute(insert(UNCOUNTED).values(
        telegram_id=telegram_id, reason=reason, marked_by=by, marked_at=utcnow())
        .on_conflict_do_nothing(index_elements=["telegram_id"])
        .returning(UNCOUNTED.c.telegram_id))
    return result.first() is not None  # rowcount is not reliable here on every driver


async def unmark_uncounted(session: Any, telegram_id: int) -> bool:
    result = await session.execute(sql_delete(UNCOUNTED).where(
        UNCOUNTED.c.telegram_id == telegram_id).returning(UNCOUNTED.c.telegram_id))
    return result.first() is not None


async def uncounted(session: Any, reason: str | None = None) -> list[Any]:
    """Rows (telegram_id, reason, marked_by, marked_at, name), oldest first."""
    query = (select(UNCOUNTED.c.telegram_id, UNCOUNTED.c.reason, UNCOUNTED.c.marked_by,
                    UNCOUNTED.c.marked_at, NAME.label("name"))
             .select_from(UNCOUNTED.outerjoin(TABLE, TABLE.c.telegram_id
                                              == UNCOUNTED.c.telegram_id))
             .order_by(UNCOUNTED.c.marked_at))
    if reason is not None:
        query = query.where(UNCOUNTED.c.reason == reason)
    return list(await session.execute(query))


async def uncounted_reason(session: Any, telegram_id: int) -> str | None:
    """Why this person is not counted (/mydata), or None."""
    return (await session.execute(select(UNCOUNTED.c.reason).where(
        UNCOUNTED.c.telegram_id == telegram_id))).scalar()


async def names_of_telegram(session: Any, telegram_ids: list[int]) -> dict[int, str]:
    """Telegram id -> the name they gave as a seller (staff lists show people)."""
    if not telegram_ids:
        return {}
    rows = await session.execute(select(TABLE.c.telegram_id, NAME).where(
        TABLE.c.telegram_id.in_(telegram_ids)))
    return {tid: name for tid, name in rows if name}
