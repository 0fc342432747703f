"""The operator's overview (every district) shows the funnel and the count of sellers
waiting for help as the definitions say, recomputed here in Python from the raw rows
(not from ``bot.admin.stats``): a seeded database with staff and testers among the
sellers, a district that is not one of the 75, a district only in the profile form,
help asked and resolved, idle sellers with and without open steps, products, drafts and
attendance in this week, last week and before."""

from __future__ import annotations

import random
import re
from datetime import datetime, timedelta

from sqlalchemy import create_engine, insert, select

from bot.db.engine import sync_url
from bot.db.models import (
    HelpFollowup,
    Product,
    Rsvp,
    Seller,
    Staff,
    StepProgress,
    Uncounted,
    Workshop,
    as_utc,
    utcnow,
)
from bot.reference import districts as reference
from bot.steps.flow import STEPS, half_needed
from tests.botkit import Bot
from tests.web.helpers import client, link, sign_in, web_settings

OPERATOR = 4459001
ALL = {d.code for d in reference.districts()}
KNOWN = [d.code for d in reference.districts()][:6]
STAGES = ("joined", "profile", "half_steps", "product", "drafts", "workshop")


def _seed(database_url: str, now: datetime) -> None:
    """300 sellers; every moment is a whole number of days and a half ago, so no seller
    sits on a week's edge while the page is asked."""
    rng = random.Random(23)

    def ago(days: int) -> datetime:
        return now - timedelta(days=days + 0.5)

    engine = create_engine(sync_url(database_url))
    with engine.begin() as conn:
        workshop = conn.execute(insert(Workshop).values(
            title_en="Photos that sell", title_hi="बिकने वाली फ़ोटो", organiser="odop",
            topic="photos", starts_at=ago(30), duration_minutes=120, place="DIC",
            districts=KNOWN, crafts=[], session_language="hi", capacity=500,
            reminder_minutes=[1440], status="published", checkin_code="NUMS1",
            created_at=ago(40), updated_at=ago(40))).inserted_primary_key[0]
        for i in range(300):
            telegram_id = 7100000 + i
            export = rng.choice(("yes", "no", None))
            keys = [s.key for s in STEPS if export == "yes" or not s.export_only]
            joined = rng.randrange(40)
            where = rng.random()
            values = {"telegram_id": telegram_id, "chat_id": telegram_id, "language": "hi",
                      "consented_at": None if rng.random() < 0.04 else ago(joined),
                      "created_at": ago(joined), "wants_export": export,
                      "updated_at": ago(rng.randrange(joined + 1)), "name": f"Seller {i}"}
            if where < 0.8:
                values["district_code"] = rng.choice(KNOWN)
            elif where < 0.85:
                values["district_code"] = "atlantis"  # not one of the 75
            if (where >= 0.85 and where < 0.95) or rng.random() < 0.1:  # in a form
                answers = {"district": rng.choice(KNOWN)} if where < 0.95 else {}
                values["form_state"] = {"form": "profile", "field": "craft",
                                        "answers": answers, "trail": [], "mode": "fill",
                                        "active": True, "page": 0}
            if "district_code" in values and rng.random() < 0.75:
                values["profile_saved_at"] = ago(rng.randrange(joined + 1))
            seller_id = conn.execute(insert(Seller).values(**values)).inserted_primary_key[0]
            # Steps, oldest first; the seller row keeps their count and half as the bot does.
            done_at = []
            complete = rng.random() < 0.25  # every step done: not idle for want of steps
            for key in keys if complete else rng.sample(keys, rng.randrange(len(keys) + 1)):
                status = "done" if complete else rng.choice(("done", "done", "help", "todo"))
                at = ago(rng.randrange(joined + 1))
                conn.execute(insert(StepProgress).values(seller_id=seller_id, step_key=key,
                                                         status=status, updated_at=at))
                if status == "done":
                    done_at.append(at)
            done_at.sort()  # ties: the same moment either way
            half = half_needed(export)
            conn.execute(Seller.__table__.update().where(Seller.id == seller_id).values(
                steps_done=len(done_at),
                half_steps_at=done_at[half - 1] if len(done_at) >= half else None,
                updated_at=Seller.updated_at))  # not now (the column's onupdate)
            for _ in range(rng.choice((0, 0, 0, 1, 2))):
                made = rng.randrange(joined + 1)
                conn.execute(insert(Product).values(
                    seller_id=seller_id, status="ready", answers={}, photos=[],
                    created_at=ago(made), updated_at=ago(made),
                    drafts_sent_at=ago(rng.randrange(made + 1)) if rng.random() < 0.5
                    else None))
            if rng.random() < 0.15:
                conn.execute(insert(Rsvp).values(
                    workshop_id=workshop, seller_id=seller_id, answer="going",
                    answered_at=ago(joined),
                    attended_at=ago(rng.randrange(20)) if rng.random() < 0.7 else None))
            if rng.random() < 0.1:
                conn.execute(insert(HelpFollowup).values(
                    seller_id=seller_id, resolved_at=ago(rng.randrange(15)), resolved_by=1))
            if i % 37 == 5:  # a facilitator who is a seller too
                conn.execute(insert(Staff).values(telegram_id=telegram_id, districts=KNOWN[:1],
                                                  created_at=ago(1)))
            elif i % 41 == 7:
                conn.execute(insert(Uncounted).values(telegram_id=telegram_id,
                                                      reason="tester", marked_at=ago(1)))
    engine.dispose()


def _expected(database_url: str, now: datetime) -> tuple[dict[str, tuple[int, int, int]], int]:
    """The overview's numbers from the raw rows: per stage (total, this week, last week),
    and how many sellers wait for help."""
    engine = create_engine(sync_url(database_url))
    with engine.connect() as conn:
        sellers = conn.execute(select(
            Seller.id, Seller.telegram_id, Seller.consented_at, Seller.district_code,
            Seller.form_state, Seller.form_state.is_not(None).label("in_form"),
            Seller.created_at, Seller.profile_saved_at, Seller.updated_at,
            Seller.wants_export)).all()
        not_counted = set(conn.execute(select(Staff.telegram_id)).scalars()) | set(
            conn.execute(select(Uncounted.telegram_id)).scalars())
        steps = conn.execute(select(StepProgress.seller_id, StepProgress.status,
                                    StepProgress.updated_at)
                             .order_by(StepProgress.updated_at, StepProgress.id)).all()
        products = conn.execute(select(Product.seller_id, Product.created_at,
                                       Product.drafts_sent_at)).all()
        attended = conn.execute(select(Rsvp.seller_id, Rsvp.attended_at)).all()
        resolved = dict(conn.execute(select(HelpFollowup.seller_id,
                                            HelpFollowup.resolved_at)).all())
    engine.dispose()
    done: dict[int, list[datetime]] = {}
    asked: dict[int, datetime] = {}
    for seller_id, status, at in steps:
        if status == "done":
            done.setdefault(seller_id, []).append(as_utc(at))
        elif status == "help":
            asked[seller_id] = max(asked.get(seller_id, as_utc(at)), as_utc(at))
    first: dict[tuple[str, int], datetime] = {}

    def keep(stage: str, seller_id: int, at) -> None:
        if at is not None:
            key = (stage, seller_id)
            first[key] = min(first.get(key, as_utc(at)), as_utc(at))

    for seller_id, made, sent in products:
        keep("product", seller_id, made)
        keep("drafts", seller_id, sent)
    for seller_id, at in attended:
        keep("workshop", seller_id, at)
    week, fortnight = now - timedelta(days=7), now - timedelta(days=14)
    counts = {stage: [0, 0, 0] for stage in STAGES}
    waiting = 0
    for s in sellers:
        if s.consented_at is None or s.telegram_id in not_counted:
            continue
        district = s.district_code or ((s.form_state or {}).get("answers") or {}).get(
            "district")
        if district is None:
            continue
        mine = done.get(s.id, [])
        total = sum(1 for step in STEPS if s.wants_export == "yes" or not step.export_only)
        half = half_needed(s.wants_export)
        since = as_utc(resolved[s.id]) if s.id in resolved else None
        help_asked = s.id in asked and (since is None or asked[s.id] > since)
        seen = as_utc(s.updated_at)
        idle = (seen < week and (since is None or seen > since)
                and (s.in_form or len(mine) < total))
        waiting += bool(help_asked or idle)  # every district, as the page's count
        if district not in ALL:
            continue  # the funnel's table is the 75 districts
        reached = {"joined": s.created_at, "profile": s.profile_saved_at,
                   "half_steps": mine[half - 1] if len(mine) >= half else None,
                   **{stage: first.get((stage, s.id)) for stage in STAGES[3:]}}
        for stage, at in reached.items():
            if at is None:
                continue
            at = as_utc(at)
            counts[stage][0] += 1
            counts[stage][1] += at >= week
            counts[stage][2] += fortnight <= at < week
    return {stage: tuple(c) for stage, c in counts.items()}, waiting


ROW = re.compile(r"<tr><td>([^<]+)</td><td>([\d,]+)</td><td>([\d,]+)</td><td>([\d,]+)</td></tr>")
WAITING = re.compile(r"([\d,]+) sellers are waiting for help")


async def test_the_operators_overview_counts_as_the_definitions_say(settings) -> None:
    settings = web_settings(settings, admin_ids=frozenset({OPERATOR}))
    now = utcnow()
    _seed(settings.database_url, now)
    funnel, waiting = _expected(settings.database_url, now)
    assert funnel["joined"][0] > 150 and funnel["workshop"][1] > 0 and waiting > 50
    async with Bot(settings) as bot:
        path = await link(bot, OPERATOR)
    async with client(settings) as web:
        await sign_in(web, path)
        page = (await web.get("/staff/")).text
    rows = [tuple(int(n.replace(",", "")) for n in row[1:]) for row in ROW.findall(page)]
    assert rows == [funnel[stage] for stage in STAGES]
    assert int(WAITING.search(page).group(1).replace(",", "")) == waiting
