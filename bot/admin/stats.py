"""What staff read: plain queries that return rows (no ORM objects, no ``Turn``).

Like cosmic python's ``views.py``: the facilitator's screens and the exports read here,
and nothing here writes. Every query takes the district codes it may cover; the caller
(the staff screens, the CLI) has checked that the reader may see them.

A seller belongs to a district from the moment it is known: the saved profile, or the
district answered (or a poster's suggestion confirmed) in an unfinished profile form.
Only real sellers are read (``sellers.counted()``: no staff, testers or operators).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, func, literal, or_, select

from bot.db import sellers
from bot.db.models import HelpFollowup, Product, Rsvp, Seller, StepProgress, as_utc, utcnow
from bot.reference import districts as reference
from bot.steps.flow import DONE, HELP, STEPS

SELLERS = Seller.__table__
STEPS_T = StepProgress.__table__
PRODUCTS = Product.__table__
FOLLOWUPS = HelpFollowup.__table__
RSVPS = Rsvp.__table__

# Funnel stages in order (codes; words are chosen where shown).
JOINED, PROFILE, HALF_STEPS = "joined", "profile", "half_steps"
PRODUCT, DRAFTS, WORKSHOP = "product", "drafts", "workshop"
STAGES = (JOINED, PROFILE, HALF_STEPS, PRODUCT, DRAFTS, WORKSHOP)
WEEK = timedelta(days=7)
IDLE_AFTER = timedelta(days=7)

_ALL_STEPS = len(STEPS)
_ALL_DISTRICTS = frozenset(d.code for d in reference.districts())
_HOME_STEPS = sum(1 for s in STEPS if not s.export_only)

# The district column: saved, or answered in the unfinished profile form.
DISTRICT = func.coalesce(SELLERS.c.district_code,
                         SELLERS.c.form_state[("answers", "district")].as_string())


@dataclass(frozen=True)
class StageCount:
    stage: str
    total: int
    this_week: int  # reached in the last 7 days
    last_week: int  # reached in the 7 days before


def _window(at, week: datetime, fortnight: datetime):
    return (func.count(at),
            func.sum(case((at >= week, 1), else_=0)),
            func.sum(case((and_(at >= fortnight, at < week), 1), else_=0)))


def in_districts(districts: list[str]):
    """The WHERE of every staff read: real sellers (``sellers.counted``) of these
    districts; no comparison on the district when every district is asked for (the
    operator's "all"), which spares the database one per seller."""
    if set(districts) >= _ALL_DISTRICTS:
        return and_(DISTRICT.is_not(None), sellers.counted())
    # DISTRICT.in_(districts), written so that both sides use the index on district_code
    # (a coalesce() would be computed for every seller: a scan of 100,000 rows).
    code = SELLERS.c.district_code
    return and_(or_(code.in_(districts),
                    and_(code.is_(None), DISTRICT.in_(districts))), sellers.counted())


def _every_district():
    """``in_districts`` of every district as two disjoint parts, each with the column to
    group it by: the sellers with a saved district (``district_code``: the index that
    starts with it hands them over in order, so a GROUP BY sorts nothing) and those whose
    district is only in the unfinished profile form (few)."""
    code = SELLERS.c.district_code
    in_form = SELLERS.c.form_state[("answers", "district")].as_string()
    return ((code, and_(code.is_not(None), sellers.counted())),
            (in_form, and_(code.is_(None), in_form.is_not(None), sellers.counted())))


def reached_at(stage: str):
    """When a seller reached a stage, as a column of a query over ``sellers`` (NULL: not
    yet); for the stages kept in other tables, the earliest of their rows. The funnel
    and a broadcast to "sellers stuck at a stage" both read this one definition."""
    if stage == JOINED:
        return SELLERS.c.created_at
    if stage == PROFILE:
        return SELLERS.c.profile_saved_at
    if stage == HALF_STEPS:
        return SELLERS.c.half_steps_at
    if stage == PRODUCT:
        return (select(func.min(PRODUCTS.c.created_at))
                .where(PRODUCTS.c.seller_id == SELLERS.c.id).scalar_subquery())
    if stage == DRAFTS:
        return (select(func.min(PRODUCTS.c.drafts_sent_at))
                .where(PRODUCTS.c.seller_id == SELLERS.c.id).scalar_subquery())
    if stage == WORKSHOP:
        return (select(func.min(RSVPS.c.attended_at))
                .where(RSVPS.c.seller_id == SELLERS.c.id).scalar_subquery())
    raise ValueError(stage)


async def funnel(session: Any, districts: list[str], now: datetime | None = None
                 ) -> dict[str, list[StageCount]]:
    """District code -> the funnel (one ``StageCount`` per stage, in order). Districts
    without sellers are present with zeros.

    Grouped queries. The stages kept on the seller row (joined, profile, half the
    steps: ``half_steps_at`` is kept by ``bot.steps.flow``) are one pass over their
    sellers (for every district, over the index ``ix_sellers_district_funnel``, and the
    few sellers whose district is only in the form); products and workshop attendance
    are grouped per seller first, from the smaller side, and reach ``sellers`` by its
    primary key (see ``make bench`` parts (e) and (m))."""
    now = now or utcnow()
    week, fortnight = now - WEEK, now - 2 * WEEK
    where = in_districts(districts)
    everyone = set(districts) >= _ALL_DISTRICTS
    # For some districts only, aggregate only their sellers' rows (through the index).
    theirs = select(SELLERS.c.id).where(where)
    counts: dict[tuple[str, str], tuple[int, int, int]] = {}

    def keep(rows, stages: tuple[str, ...]) -> None:
        for row in rows:
            for i, stage in enumerate(stages):
                before = counts.get((row[0], stage), (0, 0, 0))
                counts[(row[0], stage)] = tuple(
                    b + int(v or 0) for b, v in zip(before, row[1 + 3 * i:4 + 3 * i],
                                                    strict=True))

    # Every district: in two parts (saved district, district only in the form), as
    # grouping by the coalesce() sorted 100,000 rows on SQLite (``make bench`` part (m));
    # some districts: one query over their few rows.
    on_row = (JOINED, PROFILE, HALF_STEPS)
    for district, part in _every_district() if everyone else ((DISTRICT, where),):
        keep(await session.execute(
            select(district, *(window for stage in on_row
                               for window in _window(reached_at(stage), week, fortnight)))
            .where(part).group_by(district)), on_row)

    made = (select(PRODUCTS.c.seller_id, func.min(PRODUCTS.c.created_at).label("product"),
                   func.min(PRODUCTS.c.drafts_sent_at).label("drafts"))
            .where(True if everyone else PRODUCTS.c.seller_id.in_(theirs))
            .group_by(PRODUCTS.c.seller_id).subquery("made"))
    keep(await session.execute(
        select(DISTRICT, *_window(made.c.product, week, fortnight),
               *_window(made.c.drafts, week, fortnight))
        .select_from(made.join(SELLERS, SELLERS.c.id == made.c.seller_id))
        .where(where).group_by(DISTRICT)), (PRODUCT, DRAFTS))

    came = (select(RSVPS.c.seller_id, func.min(RSVPS.c.attended_at).label("attended"))
            .where(RSVPS.c.attended_at.is_not(None),
                   True if everyone else RSVPS.c.seller_id.in_(theirs))
            .group_by(RSVPS.c.seller_id).subquery("came"))
    keep(await session.execute(
        select(DISTRICT, *_window(came.c.attended, week, fortnight))
        .select_from(came.join(SELLERS, SELLERS.c.id == came.c.seller_id))
        .where(where).group_by(DISTRICT)), (WORKSHOP,))

    return {code: [StageCount(stage, *counts.get((code, stage), (0, 0, 0)))
                   for stage in STAGES] for code in districts}


def combined(funnels: dict[str, list[StageCount]]) -> list[StageCount]:
    """All the given districts together."""
    return [StageCount(stage, *(sum(f[i].__getattribute__(part) for f in funnels.values())
                                for part in ("total", "this_week", "last_week")))
            for i, stage in enumerate(STAGES)]


# ---------------------------------------------------------------- who needs help

@dataclass(frozen=True)
class Stuck:
    seller_id: int
    name: str | None
    district: str
    phone: str | None
    help_steps: tuple[str, ...]  # step keys where "I need help" was pressed
    form: str | None  # the form left half-way (key), if idle
    field: str | None  # and the question it stopped at
    idle_days: int | None  # days since last seen, when idle 7+ days with open steps
    since: datetime | None


def _needing_help(districts: list[str], now: datetime, only: list[int] | None):
    """The query of ``needing_help`` (one row per seller who needs help)."""
    idle_before = now - IDLE_AFTER
    where = in_districts(districts)
    if only is not None:
        where = and_(where, SELLERS.c.id.in_(only))
    # As in ``funnel``: for some districts (or sellers) only, read only their steps.
    theirs = (True if only is None and set(districts) >= _ALL_DISTRICTS
              else STEPS_T.c.seller_id.in_(select(SELLERS.c.id).where(where)))
    helped = (select(STEPS_T.c.seller_id, func.max(STEPS_T.c.updated_at).label("asked"))
              .where(STEPS_T.c.status == HELP, theirs).group_by(STEPS_T.c.seller_id)
              .subquery("helped"))
    resolved = func.coalesce(FOLLOWUPS.c.resolved_at, literal(datetime(1970, 1, 1)))
    asked = and_(helped.c.asked.is_not(None), helped.c.asked > resolved)
    total = case((SELLERS.c.wants_export == "yes", _ALL_STEPS), else_=_HOME_STEPS)
    # Done steps: the count ``bot.steps.flow`` keeps on the seller row (counting the step
    # rows here grouped all of them, 420,000 for 100,000 sellers: ``make bench`` (m)).
    idle = and_(SELLERS.c.updated_at < idle_before, SELLERS.c.updated_at > resolved,
                or_(SELLERS.c.form_state.is_not(None), SELLERS.c.steps_done < total))
    return (select(SELLERS.c.id, sellers.NAME.label("name"), DISTRICT.label("district"),
                   SELLERS.c.phone, SELLERS.c.form_state, SELLERS.c.updated_at,
                   helped.c.asked, asked.label("asked_help"), idle.label("idle"))
            .select_from(SELLERS.outerjoin(helped, helped.c.seller_id == SELLERS.c.id)
                         .outerjoin(FOLLOWUPS, FOLLOWUPS.c.seller_id == SELLERS.c.id))
            .where(where, or_(asked, idle)))


async def needing_help_count(session: Any, districts: list[str],
                             now: datetime | None = None) -> int:
    """How many ``needing_help`` would list (without reading them)."""
    query = _needing_help(districts, now or utcnow(), None).subquery()
    return int((await session.execute(select(func.count()).select_from(query))).scalar() or 0)


def needing_help_ids(districts: list[str], now: datetime | None = None):
    """A SELECT of the ids of the sellers ``needing_help`` would list, to filter another
    query by (``sellers.id IN (…)``: no list of 100,000 ids sent back and forth)."""
    query = _needing_help(districts, now or utcnow(), None).subquery()
    return select(query.c.id)


async def needing_help(session: Any, districts: list[str], now: datetime | None = None,
                       only: list[int] | None = None) -> list[Stuck]:
    """Sellers who pressed "I need help" on a step, or stopped 7+ days ago in the middle
    of a form or with open steps; not those marked resolved since (until they ask again
    or come back and stop again). Oldest request first. ``only``: of these sellers (ids)
    alone, e.g. one page of a table."""
    now = now or utcnow()
    query = _needing_help(districts, now, only)
    rows = list(await session.execute(query))
    steps_by_seller: dict[int, list[str]] = {}
    if rows:
        help_rows = await session.execute(
            select(STEPS_T.c.seller_id, STEPS_T.c.step_key)
            .where(STEPS_T.c.status == HELP,
                   STEPS_T.c.seller_id.in_([r.id for r in rows if r.asked_help]))
            .order_by(STEPS_T.c.seller_id, STEPS_T.c.id))
        for r in help_rows:
            steps_by_seller.setdefault(r.seller_id, []).append(r.step_key)
    result = []
    for row in rows:
        state = row.form_state or {}
        seen = _aware(row.updated_at)
        idle_days = (now - seen).days if row.idle else None
        since = _aware(row.asked) if row.asked_help else seen
        result.append(Stuck(row.id, row.name, row.district, row.phone,
                            tuple(steps_by_seller.get(row.id, ())),
                            state.get("form") if row.idle else None,
                            state.get("field") if row.idle else None, idle_days, since))
    return sorted(result, key=lambda s: (s.since or now))


def _aware(moment: datetime | None) -> datetime | None:
    return as_utc(moment) if moment is not None else None


async def seller_district(session: Any, seller_id: int) -> str | None:
    """The district a seller belongs to (for a staff button naming a seller id)."""
    row = (await session.execute(select(DISTRICT.label("district")).where(
        SELLERS.c.id == seller_id))).first()
    return row.district if row is not None else None


# ---------------------------------------------------------------- exports

async def sellers_rows(session: Any, districts: list[str]) -> list[Any]:
    """One row per seller of these districts, with their progress, oldest first."""
    done = (select(STEPS_T.c.seller_id, func.count().label("n"))
            .where(STEPS_T.c.status == DONE).group_by(STEPS_T.c.seller_id).subquery("done"))
    helped = (select(STEPS_T.c.seller_id, func.count().label("n"))
              .where(STEPS_T.c.status == HELP).group_by(STEPS_T.c.seller_id)
              .subquery("helped"))
    made = (select(PRODUCTS.c.seller_id, func.count().label("n"),
                   func.count(PRODUCTS.c.drafts_sent_at).label("sent"))
            .group_by(PRODUCTS.c.seller_id).subquery("made"))
    total = case((SELLERS.c.wants_export == "yes", _ALL_STEPS), else_=_HOME_STEPS)
    query = (select(SELLERS.c.id, SELLERS.c.name, DISTRICT.label("district"),
                    SELLERS.c.craft_text, SELLERS.c.business_name, SELLERS.c.phone,
                    SELLERS.c.email, SELLERS.c.wants_export, SELLERS.c.language,
                    SELLERS.c.created_at, SELLERS.c.profile_saved_at, SELLERS.c.updated_at,
                    func.coalesce(done.c.n, 0).label("steps_done"), total.label("steps_total"),
                    func.coalesce(helped.c.n, 0).label("steps_help"),
                    func.coalesce(made.c.n, 0).label("products"),
                    func.coalesce(made.c.sent, 0).label("drafts_sent"))
             .select_from(SELLERS.outerjoin(done, done.c.seller_id == SELLERS.c.id)
                          .outerjoin(helped, helped.c.seller_id == SELLERS.c.id)
                          .outerjoin(made, made.c.seller_id == SELLERS.c.id))
             .where(in_districts(districts)).order_by(SELLERS.c.id))
    return list(await session.execute(query))


async def products_rows(session: Any, districts: list[str]) -> list[Any]:
    """Every product of these districts' sellers with what its drafts need from the
    seller (profile columns and the GST step's answers)."""
    gst = (select(STEPS_T.c.seller_id, STEPS_T.c.data)
           .where(STEPS_T.c.step_key == "gst", STEPS_T.c.status == DONE).subquery("gst"))
    query = (select(PRODUCTS.c.id, PRODUCTS.c.answers, PRODUCTS.c.photos,
                    SELLERS.c.id.label("seller_id"), SELLERS.c.name, SELLERS.c.business_name,
                    DISTRICT.label("district"), SELLERS.c.address, SELLERS.c.phone,
                    SELLERS.c.email, gst.c.data.label("gst"))
             .select_from(PRODUCTS.join(SELLERS, SELLERS.c.id == PRODUCTS.c.seller_id)
                          .outerjoin(gst, gst.c.seller_id == SELLERS.c.id))
             .where(in_districts(districts)).order_by(PRODUCTS.c.id))
    return list(await session.execute(query))


# ---------------------------------------------------------------- voice (issue 21)

async def districts_of(session: Any, seller_ids: list[int]) -> dict[int, str | None]:
    """Each seller's district, as ``seller_district`` counts it, in one query."""
    if not seller_ids:
        return {}
    rows = await session.execute(select(SELLERS.c.id, DISTRICT.label("district"))
                                 .where(SELLERS.c.id.in_(seller_ids)))
    return {r.id: r.district for r in rows}


async def sellers_in(session: Any, districts: list[str]) -> list[int]:
    return [r.id for r in await session.execute(select(SELLERS.c.id)
                                                .where(DISTRICT.in_(districts)))]


async def help_by_step(session: Any, districts: list[str]) -> dict[str, int]:
    """How many sellers of these districts are asking for help on each step now."""
    rows = await session.execute(
        select(STEPS_T.c.step_key, func.count().label("n"))
        .select_from(STEPS_T.join(SELLERS, SELLERS.c.id == STEPS_T.c.seller_id))
        .where(STEPS_T.c.status == HELP, DISTRICT.in_(districts))
        .group_by(STEPS_T.c.step_key))
    return {r.step_key: int(r.n) for r in rows}
