"""The staff's screens on a workshop: announce, cancel, the answers and marking people
present. The role and the workshop's districts are asked again on every press."""

from __future__ import annotations

from typing import Any

from bot.conversation.turn import Gone, Turn
from bot.db.models import utcnow
from bot.i18n import _
from bot.workshops import access
from bot.workshops import workshops as store
from bot.workshops.buttons import button
from bot.workshops.seller_screens import show
from bot.workshops.words import districts_text, title


async def staff_role(turn: Turn) -> Any:
    """The presser's staff role, asked now (a removed facilitator's old button: why not)."""
    role = await turn.staff()
    if role is None:
        raise Gone(_("This is for programme staff only. If you were a facilitator, an "
                     "operator has removed you, so this does nothing now."))
    return role


async def seen(turn: Turn, workshop_id: int) -> tuple[dict[str, Any], Any]:
    """A workshop whose staff card this staff member may open, and their role."""
    role = await staff_role(turn)
    workshop = await store.get(turn.session, workshop_id)
    if workshop is None:
        raise Gone(_("This workshop no longer exists."))
    if not access.sees(role, workshop):
        raise Gone(_("This workshop is for districts that are not yours, so I cannot "
                     "show it."))
    return workshop, role


async def run(turn: Turn, workshop_id: int) -> dict[str, Any]:
    """A workshop this staff member may change (every one of its districts is theirs)."""
    workshop, role = await seen(turn, workshop_id)
    if not access.runs(role, workshop):
        raise Gone(_("This workshop is also for districts that are not yours, so you "
                     "cannot change it. Please ask an operator."))
    return workshop


async def publish(turn: Turn, workshop_id: int) -> None:
    workshop = await run(turn, workshop_id)
    if workshop["starts_at"] <= utcnow():
        turn.say(_("This workshop has already started; it cannot be announced."))
        return
    count = await store.publish(turn.session, workshop_id, now=utcnow())
    await show(turn, workshop_id, prefix=_("Announced: {count} sellers will get the message "
                                           "in their language.").format(count=count))


async def ask_cancel(turn: Turn, workshop_id: int) -> None:
    workshop = await run(turn, workshop_id)
    turn.say(_("Cancel “{title}”? Everyone who answered will be told.").format(
        title=title(workshop)),
        buttons=[[button(_("🗑 Yes, cancel it"), workshop_id, "cancel_yes"),
                  button(_("◀ No"), workshop_id, "open")]])


async def do_cancel(turn: Turn, workshop_id: int) -> None:
    await run(turn, workshop_id)
    told = await store.cancel(turn.session, workshop_id, now=utcnow())
    await show(turn, workshop_id, prefix=_("Cancelled. {count} people will be told.").format(
        count=len(told)))


async def _people(turn: Turn, workshop_id: int, role: Any) -> list[dict[str, Any]]:
    """Who answered, as this staff member may see them: a facilitator, only the sellers of
    their districts (names and answers of other districts' sellers stay with their staff)."""
    return [person for person in await store.roster(turn.session, workshop_id)
            if access.sees_seller(role, person["district_code"])]


async def who(turn: Turn, workshop_id: int) -> None:
    workshop, role = await seen(turn, workshop_id)
    rsvps = await _people(turn, workshop_id, role)
    counts = {key: sum(1 for r in rsvps if r["answer"] == key) for key in
              (store.GOING, store.WAITING, store.MAYBE, store.NO)}
    attended = sum(1 for r in rsvps if r["attended_at"])
    scores = [r["feedback_score"] for r in rsvps if r["feedback_score"]]
    lines = [f"👥 {title(workshop)}"]
    if not role.operator:
        lines.append(_("Sellers of your districts: {names}").format(
            names=districts_text({"districts": sorted(role.districts)})))
    lines += [_("Going: {going} of {capacity}").format(going=counts[store.GOING],
                                                       capacity=workshop["capacity"]),
              _("Waiting list: {n}").format(n=counts[store.WAITING]),
              _("Maybe: {n}").format(n=counts[store.MAYBE]),
              _("Can't come: {n}").format(n=counts[store.NO]),
              _("Checked in: {n}").format(n=attended)]
    if scores:
        lines.append(_("Feedback: {avg} of 5 from {n} people").format(
            avg=f"{sum(scores) / len(scores):.1f}", n=len(scores)))
    # Staff mark attendance for people who could not check in themselves.
    rows = [[button("✔ " + (person["name"] or str(person["telegram_id"]))[:30], workshop_id,
                  "attend", str(person["seller_id"]))]
            for person in rsvps
            if person["answer"] in (store.GOING, store.MAYBE) and not person["attended_at"]]
    if rows:
        lines += ["", _("Press a name to mark them as present.")]
    turn.say("\n".join(lines), buttons=rows[:20] + [[button(_("◀ Back"), workshop_id, "open")]])


async def attend(turn: Turn, workshop_id: int, seller_id: str) -> None:
    workshop, role = await seen(turn, workshop_id)
    # Only someone who answered, of the presser's districts (crafted data names others).
    if not any(str(person["seller_id"]) == seller_id
               for person in await _people(turn, workshop_id, role)):
        raise Gone(_("This button no longer works."))
    await store.mark_attended(turn.session, workshop, int(seller_id), now=utcnow())
    turn.notice = _("Marked as present.")
    await who(turn, workshop_id)


