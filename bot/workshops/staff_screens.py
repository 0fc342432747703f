"""The staff's screens on a workshop: announce, cancel, the answers and marking people
present. Each calls a service (``services``), which asks for the role's right to the
workshop's districts again on every press."""

from __future__ import annotations

from bot.conversation.turn import Gone, Turn
from bot.db.models import utcnow
from bot.i18n import _
from bot.parsing.validators import whole_number
from bot.workshops import services
from bot.workshops import workshops as store
from bot.workshops.buttons import button
from bot.workshops.seller_screens import show
from bot.workshops.words import districts_text, title


async def publish(turn: Turn, workshop_id: int) -> None:
    try:
        count = await services.announce(turn.session, await turn.staff(), workshop_id,
                                        now=utcnow())
    except services.Refused as refused:
        turn.say(refused.message)
        return
    if count:
        prefix = _("Announced: {count} sellers will get the message in their language."
                   ).format(count=count)
    else:  # said plainly: nobody is told now, and where sellers will find it
        prefix = _("Announced, but there is no seller to tell in its districts yet. "
                   "Sellers who save a profile there will see it under /workshops.")
    await show(turn, workshop_id, prefix=prefix)


async def ask_cancel(turn: Turn, workshop_id: int) -> None:
    workshop = await services.run(turn.session, await turn.staff(), workshop_id)
    turn.say(_("Cancel “{title}”? Everyone who answered will be told.").format(
        title=title(workshop)),
        buttons=[[button(_("🗑 Yes, cancel it"), workshop_id, "cancel_yes"),
                  button(_("◀ No"), workshop_id, "open")]])


async def do_cancel(turn: Turn, workshop_id: int) -> None:
    told = await services.cancel(turn.session, await turn.staff(), workshop_id, now=utcnow())
    await show(turn, workshop_id, prefix=_("Cancelled. {count} people will be told.").format(
        count=len(told)))


async def who(turn: Turn, workshop_id: int) -> None:
    role = await turn.staff()
    roster = await services.answers(turn.session, role, workshop_id)
    workshop = roster.workshop
    lines = [f"👥 {title(workshop)}"]
    if not role.operator:
        lines.append(_("Sellers of your districts: {names}").format(
            names=districts_text({"districts": sorted(role.districts)})))
    lines += [_("Going: {going} of {capacity}").format(going=roster.count(store.GOING),
                                                       capacity=workshop["capacity"]),
              _("Waiting list: {n}").format(n=roster.count(store.WAITING)),
              _("Maybe: {n}").format(n=roster.count(store.MAYBE)),
              _("Can't come: {n}").format(n=roster.count(store.NO)),
              _("Checked in: {n}").format(n=roster.attended)]
    if roster.average is not None:
        lines.append(_("Feedback: {avg} of 5 from {n} people").format(
            avg=f"{roster.average:.1f}", n=len(roster.scores)))
    lines += _people_lines(roster)
    if roster.comments:
        lines += ["", _("💬 Comments:")]
        lines += [f"• {_name(name)}{f' ({score}/5)' if score else ''}: {comment}"
                  for name, score, comment in roster.comments[:COMMENTS_SHOWN]]
        if len(roster.comments) > COMMENTS_SHOWN:
            lines.append(_("…and {count} more in the attendance export.").format(
                count=len(roster.comments) - COMMENTS_SHOWN))
    # Staff mark attendance for people who could not check in themselves.
    rows = [[button("✔ " + _name(person["name"])[:30], workshop_id,
                    "attend", str(person["seller_id"]))]
            for person in roster.to_mark]
    if rows:
        lines += ["", _("Press a name to mark them as present.")]
    turn.say("\n".join(lines), buttons=rows[:20] + [[button(_("◀ Back"), workshop_id, "open")]])


COMMENTS_SHOWN = 20  # the rest are in the attendance export
NAMES_SHOWN = 40  # per answer; one message stays readable on a phone


def _name(name: str | None) -> str:
    return name or _("(no name yet)")


def _people_lines(roster: services.Roster) -> list[str]:
    """Who answered what, by name (staff act on people, not on numbers)."""
    lines = []
    for answer, label in ((store.GOING, _("✅ Going")), (store.WAITING, _("⏳ Waiting list")),
                          (store.MAYBE, _("🤔 Maybe")), (store.NO, _("❌ Can't come"))):
        people = [p for p in roster.people if p["answer"] == answer]
        if not people:
            continue
        names = ", ".join(_name(p["name"]) + (" ✔" if p["attended_at"] else "")
                          for p in people[:NAMES_SHOWN])
        more = len(people) - NAMES_SHOWN
        lines.append(f"{label}: {names}" + (f" (+{more})" if more > 0 else ""))
    return [""] + lines if lines else []


async def attend(turn: Turn, workshop_id: int, seller_id: str) -> None:
    role = await turn.staff()
    seller = whole_number(seller_id)
    if seller is None:
        await services.seen(turn.session, role, workshop_id)  # its words come first
        raise Gone(_("This button no longer works."))
    await services.mark_present(turn.session, role, workshop_id, seller, now=utcnow())
    turn.notice = _("Marked as present.")
    await who(turn, workshop_id)
