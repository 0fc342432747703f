"""The seller's screens: /workshops, the workshop card with its answer buttons (staff see
their buttons on the same card), an answer (RSVP) and the calendar file, and where a
workshop's link (``start=w_<id>``) leads."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from babel.dates import format_date

from bot.conversation.navigation import menu_button
from bot.conversation.turn import Button, Reply, Turn
from bot.db.models import Seller, utcnow
from bot.i18n import _, get_locale
from bot.reference import districts as reference
from bot.workshops import access, calendar, services
from bot.workshops import workshops as store
from bot.workshops.buttons import POSTER, button
from bot.workshops.reminders import IST, TODAY, TOMORROW, day_from, reminder_times
from bot.workshops.rules import clock_text
from bot.workshops.words import ANSWER_NAMES, card_text, description, districts_text, title

# What a workshop link leads to (codes; the words are in ``link_notice``).
LINK_OPEN, LINK_UNKNOWN, LINK_CANCELLED, LINK_OVER, LINK_ELSEWHERE = (
    "open", "unknown", "cancelled", "over", "elsewhere")
# Staff's /workshops also lists workshops that ended this long ago (late check-ins).
STAFF_LIST_AFTER = timedelta(hours=12)


def answer_rows(workshop: dict[str, Any], rsvp: dict[str, Any] | None) -> list[list[Button]]:
    wid = workshop["id"]
    rows = [[button(_("✅ Going"), wid, store.GOING), button(_("🤔 Maybe"), wid, store.MAYBE),
             button(_("❌ Can't come"), wid, store.NO)]]
    if rsvp is not None and rsvp["answer"] != store.NO:
        rows.append([button(_("📅 Calendar file"), wid, "ics")])
    return rows


async def show_list(turn: Turn) -> None:
    """/workshops: upcoming ones for the seller's district, with their answers."""
    now = utcnow()
    seller = turn.seller  # None: staff without a seller row (they see their districts')
    upcoming = await store.upcoming_for(turn.session, seller, now) if seller else []
    rows: list[list[Button]] = []
    lines = [_("🎓 Training workshops")]
    role = await turn.staff()
    if role is not None:
        # Staff also see drafts, cancelled ones and today's running ones (to check people
        # in) of their districts.
        extra = [w for w in await services.listed(turn.session, role,
                                                  since=now - timedelta(days=1))
                 if store.ends_at(w) > now - STAFF_LIST_AFTER and w not in upcoming]
        upcoming = sorted(upcoming + extra, key=lambda w: w["starts_at"])
        rows.append([button(_("➕ New workshop"), 0, "new")])
    if not upcoming and seller is None:  # staff who are no seller: nothing is promised
        lines.append(_("No workshops in your districts just now. ➕ New workshop plans "
                       "one."))
    elif not upcoming:
        lines.append(_("No workshops are planned for your district just now. I will tell "
                       "you when one is announced."))
        if seller is not None and seller.district_code is None:
            lines.append(_("Tip: save your district in /profile so I can find workshops "
                           "near you."))
    for workshop in upcoming:
        rsvp = (await store.rsvp_of(turn.session, workshop["id"], seller.id)
                if seller else None)
        mark = {store.GOING: "✅", store.WAITING: "⏳", store.MAYBE: "🤔",
                store.NO: "❌"}.get(rsvp["answer"] if rsvp else "", "▫️")
        if workshop["status"] != store.PUBLISHED:
            mark = "📝" if workshop["status"] == store.DRAFT else "🚫"
        label = f"{mark} {title(workshop)}"[:40]
        starts = workshop["starts_at"].astimezone(IST)
        rows.append([button(f"{label} · {starts:%d.%m}", workshop["id"], "open")])
    rows.append([menu_button()])
    turn.say("\n".join(lines), buttons=rows)


async def show(turn: Turn, workshop_id: int, *, prefix: str | None = None,
               edit: bool = False) -> None:
    workshop = await services.visible(turn.session, workshop_id, turn.seller, turn.staff)
    seller = turn.seller
    rsvp = await store.rsvp_of(turn.session, workshop_id, seller.id) if seller else None
    going = await store.going_count(turn.session, workshop_id)
    role = await turn.staff()
    seen, runs = access.sees(role, workshop), access.runs(role, workshop)
    text = card_text(workshop, staff=seen, rsvp=rsvp, going=going)
    if seen and not runs:
        text += "\n" + _("It is also for districts that are not yours: you see the answers "
                         "of your districts' sellers, and only an operator can change it.")
    if prefix:
        text = prefix + "\n\n" + text
    rows: list[list[Button]] = []
    upcoming = workshop["status"] == store.PUBLISHED and workshop["starts_at"] > utcnow()
    if upcoming and seller is not None:  # staff without a seller row have nothing to answer
        rows += answer_rows(workshop, rsvp)
    if seen:
        wid = workshop["id"]
        staff_row = []
        if runs and workshop["status"] == store.DRAFT:
            staff_row.append(button(_("📣 Announce"), wid, "publish"))
        if runs and workshop["status"] != store.CANCELLED:
            staff_row.append(button(_("✏️ Edit"), wid, "edit"))
        if staff_row:
            rows.append(staff_row)
        rows.append([button(_("👥 Answers"), wid, "who")]
                    + ([button(_("🗑 Cancel workshop"), wid, "cancel")]
                       if runs and workshop["status"] != store.CANCELLED else []))
        if workshop["status"] == store.PUBLISHED:
            rows.append([button(_("🖨 Poster"), wid, POSTER)])
    rows.append([button(_("◀ Workshops"), 0, "list"), menu_button()])
    turn.say(text, buttons=rows, edit=edit)


def ics_reply(workshop: dict[str, Any], text: str, *, cancelled: bool = False,
               buttons: list[list[Button]] | None = None) -> Reply:
    data = calendar.ics(workshop, title=title(workshop), description=description(workshop),
                        now=utcnow(), cancelled=cancelled)
    return Reply(text=text, document=(f"workshop-{workshop['id']}.ics", data),
                 buttons=buttons or [])


async def answer(turn: Turn, workshop_id: int, wanted: str) -> None:
    workshop, result = await services.rsvp(turn.session, turn.seller, workshop_id, wanted,
                                           staff=turn.staff, now=utcnow())
    if result.closed:
        turn.notice = _("Answers for this workshop are closed.")
        return
    message = {
        store.GOING: _("Great, you are on the list! Here is the calendar file: open it to "
                       "add the workshop to your phone's calendar."),
        store.WAITING: _("The workshop is full, so you are on the waiting list. If a place "
                         "frees up, you move up automatically and I will tell you."),
        store.MAYBE: _("Noted: maybe. You can change your answer any time."),
        store.NO: _("Noted: you can't come. You will get no reminders for it."),
    }[result.answer]
    if result.answer in (store.GOING, store.MAYBE):
        message += " " + reminders_promised(workshop, utcnow())
    if not result.changed:
        message = _("Your answer is unchanged.")
    turn.notice = _(ANSWER_NAMES[result.answer])
    await show(turn, workshop_id, edit=True)
    # SEQUENCE only goes up in one person's calendar: the cancelling file is one above the
    # workshop's, a new one after it two above (a move raises the workshop's own).
    if result.changed and result.answer in (store.GOING, store.MAYBE):
        bump = 2 if result.before == store.NO else 0
        turn.replies.append(ics_reply({**workshop, "sequence": workshop["sequence"] + bump},
                                      message))
    elif result.changed and result.answer == store.NO and result.before in (store.GOING,
                                                                             store.MAYBE):
        # The event had gone into her calendar with the file: this one takes it out.
        turn.replies.append(ics_reply(
            {**workshop, "sequence": workshop["sequence"] + 1},
            message + " " + _("Open the file to remove it from your calendar."),
            cancelled=True))
    else:
        turn.say(message)


def reminders_promised(workshop: dict[str, Any], now: datetime) -> str:
    """Only the reminders that are planned (``workshops.answer`` plans the same ones), at
    the time they will come: none for a workshop 49 minutes away."""
    planned = reminder_times(workshop["starts_at"], workshop["reminder_minutes"], now)
    if not planned:
        return _("It starts soon, so there will be no reminder.")
    moments = []
    for _minutes, due in planned:
        at = clock_text(due.astimezone(IST).time())
        day = day_from(now, due)
        moments.append(_("today at {time}").format(time=at) if day == TODAY
                       else _("tomorrow at {time}").format(time=at) if day == TOMORROW
                       else _("on {day} at {time}").format(day=format_date(
                           due.astimezone(IST).date(), "EEEE d MMMM", locale=get_locale()),
                           time=at))
    return _("I will remind you {moments}.").format(moments=_(" and ").join(moments))


async def send_ics(turn: Turn, workshop_id: int) -> None:
    workshop = await services.visible(turn.session, workshop_id, turn.seller, turn.staff)
    turn.replies.append(ics_reply(
        workshop, _("Open this file to add the workshop to your calendar."),
        cancelled=workshop["status"] == store.CANCELLED))


def only_district(workshop: dict[str, Any]) -> str | None:
    """The district to pre-select for a newcomer: the workshop's, if it has exactly one."""
    codes = [c for c in workshop["districts"] if c != store.ALL_DISTRICTS]
    if store.for_everyone(workshop) or len(codes) != 1:
        return None
    return codes[0] if reference.district(codes[0]) is not None else None


async def link_state(session: Any, workshop_id: int | None, seller: Seller | None,
                     now: datetime) -> tuple[str, dict[str, Any] | None]:
    """What a workshop link leads to, and the workshop (None when unknown). A draft is
    unknown: nobody learns of it from a guessed number. ``seller``: one with a saved
    profile, checked against the workshop's districts and crafts."""
    workshop = await store.get(session, workshop_id) if workshop_id else None
    if workshop is None or workshop["status"] == store.DRAFT:
        return LINK_UNKNOWN, None
    if workshop["status"] == store.CANCELLED:
        return LINK_CANCELLED, workshop
    if store.ends_at(workshop) <= now:
        return LINK_OVER, workshop
    if seller is not None and not store.open_to(workshop, seller):
        return LINK_ELSEWHERE, workshop
    return LINK_OPEN, workshop


def link_notice(state: str, workshop: dict[str, Any] | None) -> str:
    """The friendly words for a link that does not open a card (current language)."""
    if state == LINK_CANCELLED and workshop is not None:
        return _("The workshop “{title}” was cancelled. Send /workshops to see the "
                 "workshops planned for you.").format(title=title(workshop))
    if state == LINK_OVER and workshop is not None:
        return _("The workshop “{title}” is already over. Send /workshops to see the "
                 "upcoming ones.").format(title=title(workshop))
    if state == LINK_ELSEWHERE and workshop is not None:
        return _("The workshop “{title}” is for sellers of {districts}, so you cannot sign "
                 "up for it. Send /workshops to see the ones for your district.").format(
            title=title(workshop), districts=districts_text(workshop))
    return _("I could not find that workshop: the link may be incomplete. Send /workshops "
             "to see the workshops planned for you.")


async def open_from_link(turn: Turn, workshop_id: int | None) -> None:
    """A seller with a saved profile followed a workshop's link: its card, or why not."""
    state, workshop = await link_state(turn.session, workshop_id, turn.seller, utcnow())
    if state == LINK_ELSEWHERE and access.sees(await turn.staff(), workshop):
        state = LINK_OPEN  # staff may look at their districts' workshops
    if state != LINK_OPEN or workshop is None:
        turn.say(link_notice(state, workshop), buttons=[[menu_button()]])
        return
    await show(turn, workshop["id"], prefix=_("🎓 Here is the workshop from the link:"))


