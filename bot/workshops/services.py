"""Workshop actions as plain functions, for every front end (the bot's screens, the CLI, the
staff web page to come): the session, the acting person and typed values in, plain data out.

Access is checked here, on every call: a refusal raises ``Gone`` with the translated reason
(``turn_handler`` shows it; another front end shows ``gone.message``). ``role`` is what
``Turn.staff()`` returns (None, or ``.operator`` and ``.districts``; see ``access``). A seller's
action takes ``staff``, a coroutine function that asks for the role only when the seller's own
view does not allow it (``turn.staff``): a seller's update costs no staff query. No Telegram.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.conversation.turn import Gone
from bot.db.models import Seller
from bot.i18n import _
from bot.workshops import access
from bot.workshops import workshops as store
from bot.workshops.words import districts_text

AskRole = Callable[[], Awaitable[Any]]


class Refused(Gone):
    """The rules do not allow it now (not an access question): a screen says it as a line."""


@dataclass(frozen=True)
class Roster:
    """The answers of a workshop as one staff member may see them (their districts' sellers
    for a facilitator): each person's ``seller_id``, ``name``, ``telegram_id``,
    ``district_code``, ``answer``, ``attended_at``, ``feedback_score``, ``feedback_comment``."""

    workshop: dict[str, Any]
    people: list[dict[str, Any]]

    def count(self, answer: str) -> int:
        return sum(1 for p in self.people if p["answer"] == answer)

    @property
    def attended(self) -> int:
        return sum(1 for p in self.people if p["attended_at"])

    @property
    def scores(self) -> list[int]:
        return [p["feedback_score"] for p in self.people if p["feedback_score"]]

    @property
    def comments(self) -> list[tuple[str | None, int | None, str]]:
        """(the seller's name, their score, their comment), in the order they answered:
        sellers are told their comment reaches the organisers, so staff see it."""
        return [(p["name"], p["feedback_score"], p["feedback_comment"])
                for p in self.people if p["feedback_comment"]]

    @property
    def average(self) -> float | None:
        scores = self.scores
        return sum(scores) / len(scores) if scores else None

    @property
    def to_mark(self) -> list[dict[str, Any]]:
        """Who answered going or maybe and has not checked in (staff mark them present)."""
        return [p for p in self.people
                if p["answer"] in (store.GOING, store.MAYBE) and not p["attended_at"]]


@dataclass(frozen=True)
class CheckedIn:
    """``result``: ``ok`` | ``again`` | ``early`` | ``over`` | ``cancelled``."""

    workshop: dict[str, Any]
    result: str


# ---------------------------------------------------------------- who may do what

def staff_only(role: Any) -> Any:
    """The role, or why not (a removed facilitator's old button, a seller's crafted one)."""
    if role is None:
        raise Gone(_("This is for programme staff only. If you were a facilitator, an "
                     "operator has removed you, so this does nothing now."))
    return role


async def seen(session: Any, role: Any, workshop_id: int) -> dict[str, Any]:
    """A workshop whose staff card this staff member may open."""
    staff_only(role)
    workshop = await store.get(session, workshop_id)
    if workshop is None:
        raise Gone(_("This workshop no longer exists."))
    if not access.sees(role, workshop):
        raise Gone(_("This workshop is for districts that are not yours, so I cannot "
                     "show it."))
    return workshop


async def run(session: Any, role: Any, workshop_id: int) -> dict[str, Any]:
    """A workshop this staff member may change (every one of its districts is theirs)."""
    workshop = await seen(session, role, workshop_id)
    if not access.runs(role, workshop):
        raise Gone(_("This workshop is also for districts that are not yours, so you "
                     "cannot change it. Please ask an operator."))
    return workshop


async def listed(session: Any, role: Any, *, since: datetime) -> list[dict[str, Any]]:
    """The workshops this staff member sees (``access.sees``: drafts and cancelled ones
    too) that start at ``since`` or later, earliest first."""
    staff_only(role)
    return [w for w in await store.all_workshops(session, since=since)
            if access.sees(role, w)]


async def visible(session: Any, workshop_id: int, seller: Seller | None,
                  staff: AskRole) -> dict[str, Any]:
    """A workshop this person may see: sellers see published and cancelled ones meant for
    them; staff those of their districts (``access.sees``; the role is asked only when the
    seller's view does not already allow it)."""
    workshop = await store.get(session, workshop_id)
    if workshop is not None and (
            seller is not None and workshop["status"] != store.DRAFT
            and store.open_to(workshop, seller)
            or access.sees(await staff(), workshop)):
        return workshop
    raise Gone(_("This workshop no longer exists."))


def not_yours(codes: Iterable[str], role: Any) -> str:
    """Why a facilitator may not plan for these districts."""
    mine = districts_text({"districts": sorted(role.districts)})
    if store.ALL_DISTRICTS in codes:
        return _("Only an operator can plan a workshop for all districts. Please name "
                 "your districts: {names}.").format(names=mine)
    return _("You can plan workshops only for your districts: {names}.").format(names=mine)


def _may_plan(role: Any, districts: list[str]) -> None:
    if not access.may_plan_for(staff_only(role), districts):
        raise Gone(not_yours(districts, role))


# ---------------------------------------------------------------- running a workshop

async def _changeable(session: Any, role: Any, workshop_id: int) -> dict[str, Any]:
    """A workshop they run that is not cancelled (a form opened before it was cancelled
    must not move it again: its sellers were told it is off)."""
    workshop = await run(session, role, workshop_id)
    if workshop["status"] == store.CANCELLED:
        raise Refused(_("This workshop is cancelled, so it cannot be changed."))
    return workshop


async def create(session: Any, role: Any, values: dict[str, Any], *,
                 created_by: int | None, now: datetime) -> int:
    """A draft from checked ``values`` (``rules``: the form or a CSV row); its id."""
    _may_plan(role, values["districts"])
    return await store.create(session, values, created_by=created_by, now=now)


async def edit(session: Any, role: Any, workshop_id: int, values: dict[str, Any], *,
               now: datetime) -> list[int]:
    """New details (all of them, as the form has them, or some). Returns the sellers who
    are told of a new time or place."""
    workshop = await _changeable(session, role, workshop_id)
    _may_plan(role, values.get("districts", workshop["districts"]))
    return await store.change(session, workshop_id, values, now=now)


async def move(session: Any, role: Any, workshop_id: int, starts_at: datetime,
               duration_minutes: int, *, now: datetime) -> list[int]:
    """A new time, the rest unchanged; returns the sellers who are told."""
    await _changeable(session, role, workshop_id)
    return await store.change(session, workshop_id, {"starts_at": starts_at,
                                                     "duration_minutes": duration_minutes},
                              now=now)


async def announce(session: Any, role: Any, workshop_id: int, *, now: datetime) -> int:
    """Published; returns how many sellers get the announcement."""
    workshop = await run(session, role, workshop_id)
    if workshop["starts_at"] <= now:
        raise Refused(_("This workshop has already started; it cannot be announced."))
    return await store.publish(session, workshop_id, now=now)


async def cancel(session: Any, role: Any, workshop_id: int, *, now: datetime) -> list[int]:
    """Cancelled; returns the sellers who are told."""
    await run(session, role, workshop_id)
    return await store.cancel(session, workshop_id, now=now)


# ---------------------------------------------------------------- answers, the day itself

async def answers(session: Any, role: Any, workshop_id: int) -> Roster:
    """Who answered, as this staff member may see them: a facilitator, only the sellers of
    their districts (names and answers of other districts' sellers stay with their staff)."""
    workshop = await seen(session, role, workshop_id)
    people = [person for person in await store.roster(session, workshop_id)
              if access.sees_seller(role, person["district_code"])]
    return Roster(workshop, people)


async def mark_present(session: Any, role: Any, workshop_id: int, seller_id: int, *,
                       now: datetime) -> str:
    """Attendance marked by staff: ``ok`` or ``again``. Only someone who answered, of the
    staff member's districts (crafted data names others)."""
    roster = await answers(session, role, workshop_id)
    if not any(person["seller_id"] == seller_id for person in roster.people):
        raise Gone(_("This button no longer works."))
    return await store.mark_attended(session, roster.workshop, seller_id, now=now)


async def feedback(session: Any, role: Any, workshop_id: int) -> Roster:
    """The ratings (``scores``) and ``comments`` of the sellers this staff member sees."""
    return await answers(session, role, workshop_id)


async def check_in(session: Any, seller: Seller, code: str, *, staff: AskRole,
                   now: datetime) -> CheckedIn | None:
    """A seller's check-in by the code the facilitator shows; None for a code they do not
    know (unknown, a draft, or a workshop not meant for them). A draft is known to its
    staff only: a crafted link with its code must not show its title."""
    workshop = await store.by_code(session, code)
    if workshop is None or ((workshop["status"] == store.DRAFT
                             or not store.open_to(workshop, seller))
                            and not access.sees(await staff(), workshop)):
        return None
    return CheckedIn(workshop, await store.check_in(session, workshop, seller.id, now=now))


async def rsvp(session: Any, seller: Seller, workshop_id: int, wanted: str, *,
               staff: AskRole, now: datetime) -> tuple[dict[str, Any], store.Answered]:
    """A seller's going / maybe / can't come (``store.Answered``: ``closed`` when answers
    are closed, ``answer`` waiting when full)."""
    workshop = await visible(session, workshop_id, seller, staff)
    return workshop, await store.answer(session, workshop_id, seller.id, wanted, now=now)
