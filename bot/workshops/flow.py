"""Workshops as the seller and staff see them: /workshops, the workshop card with its
answer buttons, the staff form (create, edit), publish, cancel, answers and attendance,
check-in (typed code or deep link ``start=checkin_<code>``), feedback, and the renderers of
the outbox messages this slice sends (``KINDS``, handed to the sender by
``build_application()``). Flow: ``flow.mmd`` beside this file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from babel.dates import format_datetime

from bot.conversation import forms
from bot.conversation.callbacks import callback
from bot.conversation.forms import Answers, Field, Form
from bot.conversation.navigation import menu_button
from bot.conversation.turn import Button, Gone, Reply, Turn
from bot.db.models import Seller, utcnow
from bot.i18n import N_, _, get_locale
from bot.outbox.queue import Kind, Message
from bot.parsing.validators import Choice, Invalid, clean_text
from bot.reference import districts as reference
from bot.workshops import access, calendar, rules
from bot.workshops import workshops as store
from bot.workshops.reminders import DEFAULT_MINUTES, IST

FORM_KEY = "workshop"
CHECKIN_FORM = "checkin"
FEEDBACK_FORM = "wfeedback"
CHECKIN_PREFIX = "checkin_"
# ``start=w_<id>``: a workshop's poster (QR code or the typed "/start w_<id>").
LINK_PREFIX = "w_"
_LINK = re.compile(r"^w_([0-9]{1,9})$", re.IGNORECASE)
# What a workshop link leads to (codes; the words are in ``link_notice``).
LINK_OPEN, LINK_UNKNOWN, LINK_CANCELLED, LINK_OVER, LINK_ELSEWHERE = (
    "open", "unknown", "cancelled", "over", "elsewhere")
POSTER = "poster"  # the staff's "🖨 Poster" button: WorkshopAction(id, POSTER)
# Its handler is the admin slice's (role and district checked there on each press), and
# it is registered before the general WorkshopAction handler.
POSTER_PATTERN = rf"^w\|[0-9]+\|{POSTER}\|"
# In the staff form's answers: the facilitator's district codes when it was started (the
# district question offers and accepts only these; absent for an operator). Saving asks
# for the role again: it may have changed while they typed.
MINE = "@mine"
# Staff's /workshops also lists workshops that ended this long ago (late check-ins).
STAFF_LIST_AFTER = timedelta(hours=12)


@dataclass(frozen=True)
class _Mine:
    """A facilitator's role as the form knew it when it started (``MINE``)."""
    districts: frozenset[str]
    operator: bool = False


@callback("w")
class WorkshopAction:
    id: int
    action: str
    arg: str


def _btn(label: str, workshop_id: int, action: str, arg: str = "") -> Button:
    return Button(label, WorkshopAction(workshop_id, action, arg).pack())


ORGANISER_NAMES = {
    "vriddhi": N_("Walmart Vriddhi"),
    "samarth": N_("Flipkart Samarth"),
    "odop": N_("District ODOP cell"),
    "epch": N_("EPCH export council"),
    "other": N_("Other organiser"),
}
LANGUAGE_NAMES = {"hi": N_("Hindi"), "en": N_("English"), "both": N_("Hindi and English")}
ANSWER_NAMES = {
    store.GOING: N_("✅ You are going"),
    store.WAITING: N_("⏳ You are on the waiting list"),
    store.MAYBE: N_("🤔 You said maybe"),
    store.NO: N_("❌ You said you can't come"),
}


# ---------------------------------------------------------------- words

def title(workshop: dict[str, Any]) -> str:
    return (workshop["title_hi"] if get_locale() == "hi" and workshop["title_hi"]
            else workshop["title_en"])


def description(workshop: dict[str, Any]) -> str:
    return (workshop["description_hi"] if get_locale() == "hi" and workshop["description_hi"]
            else workshop["description_en"]) or ""


def when(workshop: dict[str, Any]) -> str:
    """"Tue, 15 Dec 2026, 10:30–13:00 IST" in the current language."""
    starts = workshop["starts_at"].astimezone(IST)
    ends = store.ends_at(workshop).astimezone(IST)
    day = format_datetime(starts, "EEE, d MMM y, HH:mm", tzinfo=IST, locale=get_locale())
    return f"{day}–{ends:%H:%M} IST"


def short_date(workshop: dict[str, Any]) -> str:
    """"15.12" (IST), for buttons."""
    return f"{workshop['starts_at'].astimezone(IST):%d.%m}"


def where(workshop: dict[str, Any]) -> str:
    parts = []
    if workshop.get("place"):
        parts.append("📍 " + workshop["place"])
    if workshop.get("online_url"):
        parts.append("🔗 " + workshop["online_url"])
    return "\n".join(parts)


def districts_text(workshop: dict[str, Any]) -> str:
    """The workshop's districts in the current language ("All districts" for every one)."""
    if store.for_everyone(workshop):
        return _("All districts")
    names = []
    for code in workshop["districts"]:
        district = reference.district(code)
        names.append(district.name(get_locale()) if district else code)
    return ", ".join(names)


def card_text(workshop: dict[str, Any], *, staff: bool = False,
              rsvp: dict[str, Any] | None = None, going: int | None = None) -> str:
    lines = [f"🎓 {title(workshop)}", "",
             "🗓 " + when(workshop), where(workshop),
             _("Organiser: {name}").format(name=_(ORGANISER_NAMES[workshop["organiser"]])),
             _("Topic: {topic}").format(topic=workshop["topic"]),
             _("Language of the session: {language}").format(
                 language=_(LANGUAGE_NAMES.get(workshop["session_language"], "en")))]
    if description(workshop):
        lines += ["", description(workshop)]
    if going is not None:
        lines += ["", _("Places: {going} of {capacity} taken").format(
            going=going, capacity=workshop["capacity"])]
    if workshop["status"] == store.CANCELLED:
        lines += ["", _("❌ This workshop is cancelled.")]
    if rsvp is not None:
        lines += ["", _(ANSWER_NAMES[rsvp["answer"]])]
        if rsvp.get("attended_at"):
            lines.append(_("✔ You attended."))
    if staff:
        status = {store.DRAFT: _("draft (not announced yet)"),
                  store.PUBLISHED: _("announced"),
                  store.CANCELLED: _("cancelled")}[workshop["status"]]
        lines += ["", _("Status: {status}").format(status=status),
                  _("Districts: {names}").format(names=districts_text(workshop)),
                  _("Check-in code: {code}").format(code=workshop["checkin_code"])]
    return "\n".join(line for line in lines if line is not None)


def _answer_rows(workshop: dict[str, Any], rsvp: dict[str, Any] | None) -> list[list[Button]]:
    wid = workshop["id"]
    rows = [[_btn(_("✅ Going"), wid, store.GOING), _btn(_("🤔 Maybe"), wid, store.MAYBE),
             _btn(_("❌ Can't come"), wid, store.NO)]]
    if rsvp is not None and rsvp["answer"] != store.NO:
        rows.append([_btn(_("📅 Calendar file"), wid, "ics")])
    return rows


# ---------------------------------------------------------------- seller screens

async def _owned(turn: Turn, workshop_id: int) -> dict[str, Any]:
    """A workshop this person may see: sellers see published and cancelled ones meant for
    them; staff those of their districts (``access.sees``; the role is asked only when the
    seller's view does not already allow it)."""
    workshop = await store.get(turn.session, workshop_id)
    if workshop is not None and (
            turn.seller is not None and workshop["status"] != store.DRAFT
            and store.open_to(workshop, turn.seller)
            or access.sees(await turn.staff(), workshop)):
        return workshop
    raise Gone(_("This workshop no longer exists."))


async def _role(turn: Turn) -> Any:
    """The presser's staff role, asked now (a removed facilitator's old button: why not)."""
    role = await turn.staff()
    if role is None:
        raise Gone(_("This is for programme staff only. If you were a facilitator, an "
                     "operator has removed you, so this does nothing now."))
    return role


async def _seen(turn: Turn, workshop_id: int) -> tuple[dict[str, Any], Any]:
    """A workshop whose staff card this staff member may open, and their role."""
    role = await _role(turn)
    workshop = await store.get(turn.session, workshop_id)
    if workshop is None:
        raise Gone(_("This workshop no longer exists."))
    if not access.sees(role, workshop):
        raise Gone(_("This workshop is for districts that are not yours, so I cannot "
                     "show it."))
    return workshop, role


async def _run(turn: Turn, workshop_id: int) -> dict[str, Any]:
    """A workshop this staff member may change (every one of its districts is theirs)."""
    workshop, role = await _seen(turn, workshop_id)
    if not access.runs(role, workshop):
        raise Gone(_("This workshop is also for districts that are not yours, so you "
                     "cannot change it. Please ask an operator."))
    return workshop


async def show_list(turn: Turn) -> None:
    """/workshops: upcoming ones for the seller's district, with their answers."""
    now = utcnow()
    seller = turn.seller
    assert seller is not None
    upcoming = await store.upcoming_for(turn.session, seller, now)
    rows: list[list[Button]] = []
    lines = [_("🎓 Training workshops")]
    role = await turn.staff()
    if role is not None:
        # Staff also see drafts, cancelled ones and today's running ones (to check people
        # in) of their districts.
        extra = [w for w in await store.all_workshops(turn.session,
                                                      since=now - timedelta(days=1))
                 if store.ends_at(w) > now - STAFF_LIST_AFTER and access.sees(role, w)
                 and w not in upcoming]
        upcoming = sorted(upcoming + extra, key=lambda w: w["starts_at"])
        rows.append([_btn(_("➕ New workshop"), 0, "new")])
    if not upcoming:
        lines.append(_("No workshops are planned for your district just now. I will tell "
                       "you when one is announced."))
        if seller.district_code is None:
            lines.append(_("Tip: save your district in /profile so I can find workshops "
                           "near you."))
    for workshop in upcoming:
        rsvp = await store.rsvp_of(turn.session, workshop["id"], seller.id)
        mark = {store.GOING: "✅", store.WAITING: "⏳", store.MAYBE: "🤔",
                store.NO: "❌"}.get(rsvp["answer"] if rsvp else "", "▫️")
        if workshop["status"] != store.PUBLISHED:
            mark = "📝" if workshop["status"] == store.DRAFT else "🚫"
        label = f"{mark} {title(workshop)}"[:40]
        starts = workshop["starts_at"].astimezone(IST)
        rows.append([_btn(f"{label} · {starts:%d.%m}", workshop["id"], "open")])
    rows.append([menu_button()])
    turn.say("\n".join(lines), buttons=rows)


async def show(turn: Turn, workshop_id: int, *, prefix: str | None = None,
               edit: bool = False) -> None:
    workshop = await _owned(turn, workshop_id)
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
    if upcoming:
        rows += _answer_rows(workshop, rsvp)
    if seen:
        wid = workshop["id"]
        staff_row = []
        if runs and workshop["status"] == store.DRAFT:
            staff_row.append(_btn(_("📣 Announce"), wid, "publish"))
        if runs and workshop["status"] != store.CANCELLED:
            staff_row.append(_btn(_("✏️ Edit"), wid, "edit"))
        if staff_row:
            rows.append(staff_row)
        rows.append([_btn(_("👥 Answers"), wid, "who")]
                    + ([_btn(_("🗑 Cancel workshop"), wid, "cancel")]
                       if runs and workshop["status"] != store.CANCELLED else []))
        if workshop["status"] == store.PUBLISHED:
            rows.append([_btn(_("🖨 Poster"), wid, POSTER)])
    rows.append([_btn(_("◀ Workshops"), 0, "list"), menu_button()])
    turn.say(text, buttons=rows, edit=edit)


def _ics_reply(workshop: dict[str, Any], text: str, *, cancelled: bool = False,
               buttons: list[list[Button]] | None = None) -> Reply:
    data = calendar.ics(workshop, title=title(workshop), description=description(workshop),
                        now=utcnow(), cancelled=cancelled)
    return Reply(text=text, document=(f"workshop-{workshop['id']}.ics", data),
                 buttons=buttons or [])


async def answer(turn: Turn, workshop_id: int, wanted: str) -> None:
    workshop = await _owned(turn, workshop_id)
    result = await store.answer(turn.session, workshop_id, turn.seller.id, wanted,
                                now=utcnow())
    if result.closed:
        turn.notice = _("Answers for this workshop are closed.")
        return
    message = {
        store.GOING: _("Great, you are on the list! Here is the calendar file: open it to "
                       "add the workshop to your phone's calendar. I will remind you a day "
                       "before and an hour before."),
        store.WAITING: _("The workshop is full, so you are on the waiting list. If a place "
                         "frees up, you move up automatically and I will tell you."),
        store.MAYBE: _("Noted: maybe. I will still remind you, and you can change your "
                       "answer any time."),
        store.NO: _("Noted: you can't come. You will get no reminders for it."),
    }[result.answer]
    if not result.changed:
        message = _("Your answer is unchanged.")
    turn.notice = _(ANSWER_NAMES[result.answer])
    await show(turn, workshop_id, edit=True)
    if result.changed and result.answer in (store.GOING, store.MAYBE):
        turn.replies.append(_ics_reply(workshop, message))
    else:
        turn.say(message)


async def send_ics(turn: Turn, workshop_id: int) -> None:
    workshop = await _owned(turn, workshop_id)
    turn.replies.append(_ics_reply(
        workshop, _("Open this file to add the workshop to your calendar."),
        cancelled=workshop["status"] == store.CANCELLED))


# ---------------------------------------------------------------- staff

def _mine(role: Any) -> dict[str, Any]:
    """The form's context: a facilitator's districts (an operator may name any, or all)."""
    return {} if role.operator else {MINE: sorted(role.districts)}


async def start_new(turn: Turn) -> None:
    role = await _role(turn)
    await forms.start(turn, FORM_KEY, context=_mine(role))


def _answers_of(workshop: dict[str, Any]) -> Answers:
    starts = workshop["starts_at"]
    return {"title_en": workshop["title_en"], "title_hi": workshop["title_hi"],
            "description_en": workshop["description_en"] or None,
            "description_hi": workshop["description_hi"] or None,
            "organiser": workshop["organiser"], "topic": workshop["topic"],
            "starts": starts.isoformat(), "duration": workshop["duration_minutes"],
            "mode": "online" if workshop["online_url"] and not workshop["place"] else "place",
            "place": workshop["place"], "online_url": workshop["online_url"],
            "districts": workshop["districts"], "crafts": workshop["crafts"] or None,
            "session_language": workshop["session_language"],
            "capacity": workshop["capacity"],
            "reminders": workshop["reminder_minutes"]}


async def start_edit(turn: Turn, workshop_id: int) -> None:
    workshop = await _run(turn, workshop_id)
    await forms.start(turn, FORM_KEY, answers=_answers_of(workshop),
                      context={"@workshop": workshop_id, **_mine(await _role(turn))})


def _values(answers: Answers) -> dict[str, Any]:
    online = answers.get("mode") == "online"
    return {"title_en": answers["title_en"], "title_hi": answers["title_hi"],
            "description_en": answers.get("description_en") or "",
            "description_hi": answers.get("description_hi") or "",
            "organiser": answers["organiser"], "topic": answers["topic"],
            "starts_at": datetime.fromisoformat(answers["starts"]),
            "duration_minutes": answers["duration"],
            "place": None if online else answers.get("place"),
            "online_url": answers.get("online_url") if online else None,
            "districts": _codes(answers["districts"]),
            "crafts": answers.get("crafts") or [],
            "session_language": answers["session_language"],
            "capacity": answers["capacity"],
            "reminder_minutes": answers.get("reminders") or list(DEFAULT_MINUTES)}


async def _save(turn: Turn, answers: Answers) -> None:
    now = utcnow()
    values = _values(answers)
    # Asked again: the role or the districts may have changed while they typed.
    try:
        role = await _role(turn)
        if answers.get("@workshop"):
            await _run(turn, int(answers["@workshop"]))
    except Gone as gone:
        turn.say(gone.message, buttons=[[menu_button()]])
        return
    if not access.may_plan_for(role, values["districts"]):
        turn.say(_not_yours(values["districts"], role), buttons=[[menu_button()]])
        return
    if answers.get("@workshop"):
        workshop_id = int(answers["@workshop"])
        told = await store.change(turn.session, workshop_id, values, now=now)
        prefix = _("Saved.")
        if told:
            prefix += " " + _("{count} people who answered will get the new time or place "
                              "and a new calendar file.").format(count=len(told))
        await show(turn, workshop_id, prefix=prefix)
        return
    workshop_id = await store.create(turn.session, values, created_by=turn.telegram_id,
                                     now=now)
    await show(turn, workshop_id, prefix=_("Saved as a draft. Press “📣 Announce” to tell "
                                           "the sellers in its districts."))


async def publish(turn: Turn, workshop_id: int) -> None:
    workshop = await _run(turn, workshop_id)
    if workshop["starts_at"] <= utcnow():
        turn.say(_("This workshop has already started; it cannot be announced."))
        return
    count = await store.publish(turn.session, workshop_id, now=utcnow())
    await show(turn, workshop_id, prefix=_("Announced: {count} sellers will get the message "
                                           "in their language.").format(count=count))


async def ask_cancel(turn: Turn, workshop_id: int) -> None:
    workshop = await _run(turn, workshop_id)
    turn.say(_("Cancel “{title}”? Everyone who answered will be told.").format(
        title=title(workshop)),
        buttons=[[_btn(_("🗑 Yes, cancel it"), workshop_id, "cancel_yes"),
                  _btn(_("◀ No"), workshop_id, "open")]])


async def do_cancel(turn: Turn, workshop_id: int) -> None:
    await _run(turn, workshop_id)
    told = await store.cancel(turn.session, workshop_id, now=utcnow())
    await show(turn, workshop_id, prefix=_("Cancelled. {count} people will be told.").format(
        count=len(told)))


async def _people(turn: Turn, workshop_id: int, role: Any) -> list[dict[str, Any]]:
    """Who answered, as this staff member may see them: a facilitator, only the sellers of
    their districts (names and answers of other districts' sellers stay with their staff)."""
    return [person for person in await store.roster(turn.session, workshop_id)
            if access.sees_seller(role, person["district_code"])]


async def who(turn: Turn, workshop_id: int) -> None:
    workshop, role = await _seen(turn, workshop_id)
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
    rows = [[_btn("✔ " + (person["name"] or str(person["telegram_id"]))[:30], workshop_id,
                  "attend", str(person["seller_id"]))]
            for person in rsvps
            if person["answer"] in (store.GOING, store.MAYBE) and not person["attended_at"]]
    if rows:
        lines += ["", _("Press a name to mark them as present.")]
    turn.say("\n".join(lines), buttons=rows[:20] + [[_btn(_("◀ Back"), workshop_id, "open")]])


async def attend(turn: Turn, workshop_id: int, seller_id: str) -> None:
    workshop, role = await _seen(turn, workshop_id)
    # Only someone who answered, of the presser's districts (crafted data names others).
    if not any(str(person["seller_id"]) == seller_id
               for person in await _people(turn, workshop_id, role)):
        raise Gone(_("This button no longer works."))
    await store.mark_attended(turn.session, workshop, int(seller_id), now=utcnow())
    turn.notice = _("Marked as present.")
    await who(turn, workshop_id)


# ---------------------------------------------------------------- deep link w_<id>

def workshop_from_link(payload: str) -> int | None:
    """The workshop id of a ``w_<id>`` payload; None for anything else (typed or crafted)."""
    found = _LINK.match(payload.strip())
    return int(found.group(1)) if found else None


def is_workshop_link(payload: str) -> bool:
    return payload.strip().lower().startswith(LINK_PREFIX)


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


# ---------------------------------------------------------------- check-in and feedback

async def start_checkin(turn: Turn, code: str | None = None) -> None:
    if code:
        await check_in(turn, code)
        return
    await forms.start(turn, CHECKIN_FORM)


async def check_in(turn: Turn, code: str) -> None:
    workshop = await store.by_code(turn.session, code)
    if workshop is None or (not store.open_to(workshop, turn.seller)
                            and not access.sees(await turn.staff(), workshop)):
        turn.say(_("I do not know that check-in code. Please check it with the facilitator."))
        return
    result = await store.check_in(turn.session, workshop, turn.seller.id, now=utcnow())
    turn.say({
        "ok": _("✔ You are checked in at “{title}”. Welcome! After the workshop I will ask "
                "how it was."),
        "again": _("You are already checked in at “{title}”."),
        "early": _("Check-in for “{title}” opens two hours before the start."),
        "over": _("“{title}” is over; check-in is closed."),
        "cancelled": _("“{title}” was cancelled."),
    }[result].format(title=title(workshop)), buttons=[[menu_button()]])


async def _save_checkin(turn: Turn, answers: Answers) -> None:
    await check_in(turn, answers["code"])


async def feedback_score(turn: Turn, workshop_id: int, score: str) -> None:
    if not score.isdigit() or not 1 <= int(score) <= 5:
        raise Gone(_("This button no longer works."))
    saved = await store.save_feedback(turn.session, workshop_id, turn.seller.id,
                                      score=int(score))
    if not saved:
        turn.notice = _("Feedback is only for people who attended.")
        return
    turn.notice = _("Thank you!")
    turn.replies.append(Reply(text=_("Thank you! You gave {score} of 5.").format(score=score),
                              edit=True))
    await forms.start(turn, FEEDBACK_FORM, context={"@workshop": workshop_id})


async def _save_feedback(turn: Turn, answers: Answers) -> None:
    if answers.get("comment"):
        await store.save_feedback(turn.session, int(answers["@workshop"]), turn.seller.id,
                                  comment=answers["comment"])
        turn.say(_("Thank you, your comment goes to the organisers."),
                 buttons=[[menu_button()]])
    else:
        turn.say(_("Thank you."), buttons=[[menu_button()]])


ACTIONS = {
    "open": lambda turn, d: show(turn, d.id, edit=True),
    "list": lambda turn, d: show_list(turn),
    store.GOING: lambda turn, d: answer(turn, d.id, store.GOING),
    store.MAYBE: lambda turn, d: answer(turn, d.id, store.MAYBE),
    store.NO: lambda turn, d: answer(turn, d.id, store.NO),
    "ics": lambda turn, d: send_ics(turn, d.id),
    "fb": lambda turn, d: feedback_score(turn, d.id, d.arg),
}
STAFF_ACTIONS = {
    "new": lambda turn, d: start_new(turn),
    "edit": lambda turn, d: start_edit(turn, d.id),
    "publish": lambda turn, d: publish(turn, d.id),
    "cancel": lambda turn, d: ask_cancel(turn, d.id),
    "cancel_yes": lambda turn, d: do_cancel(turn, d.id),
    "who": lambda turn, d: who(turn, d.id),
    "attend": lambda turn, d: attend(turn, d.id, d.arg),
}


async def on_button(turn: Turn, data: WorkshopAction) -> None:
    # A staff action asks for the role and the workshop's districts itself, on every press.
    action = ACTIONS.get(data.action) or STAFF_ACTIONS.get(data.action)
    if action is None:
        turn.notice = _("This button no longer works.")
        return
    await action(turn, data)


# ---------------------------------------------------------------- the staff form

def _text(max_len: int, min_len: int = 1):
    def parse(text: str, _answers: Answers) -> str:
        value = clean_text(text, max_len)
        if len(value) < min_len:
            raise Invalid(_("That is too short. Please type at least {n} characters.").format(
                n=min_len))
        return value
    return parse


def _organiser_choices(_answers: Answers) -> list[Choice]:
    return [Choice(key, _(name)) for key, name in ORGANISER_NAMES.items()]


def _language_choices(_answers: Answers) -> list[Choice]:
    return [Choice(key, _(name)) for key, name in LANGUAGE_NAMES.items()]


def _mode_choices(_answers: Answers) -> list[Choice]:
    return [Choice("place", _("📍 At a place")), Choice("online", _("🔗 Online"))]


def _parse_starts(text: str, _answers: Answers) -> str:
    return rules.parse_start(text, utcnow()).isoformat()


def _parse_duration(text: str, answers: Answers) -> int:
    return rules.parse_end(text, datetime.fromisoformat(answers["starts"]))


def _show_starts(value: str, _answers: Answers) -> str:
    starts = datetime.fromisoformat(value).astimezone(IST)
    return format_datetime(starts, "EEE, d MMM y, HH:mm", tzinfo=IST,
                           locale=get_locale()) + " IST"


def _show_duration(value: int, answers: Answers) -> str:
    if not answers.get("starts"):
        return str(value)
    return _show_starts(answers["starts"], answers) and when(
        {"starts_at": datetime.fromisoformat(answers["starts"]), "duration_minutes": value})


def _codes(value: list[str] | str) -> list[str]:
    """The districts answer: typed (a list), or a facilitator's district button (a code)."""
    return [value] if isinstance(value, str) else list(value or [])


def _show_districts(value: list[str] | str, _answers: Answers) -> str:
    return districts_text({"districts": _codes(value)})


def _not_yours(codes: list[str], role: Any) -> str:
    if store.ALL_DISTRICTS in codes:
        return _("Only an operator can plan a workshop for all districts. Please name "
                 "your districts: {names}.").format(
            names=districts_text({"districts": sorted(role.districts)}))
    return _("You can plan workshops only for your districts: {names}.").format(
        names=districts_text({"districts": sorted(role.districts)}))


def _parse_districts(text: str, answers: Answers) -> list[str]:
    codes = rules.parse_districts(text)
    mine = answers.get(MINE)
    if mine is not None and not access.may_plan_for(_Mine(frozenset(mine)), codes):
        raise Invalid(_not_yours(codes, _Mine(frozenset(mine))))
    return codes


def _district_choices(answers: Answers) -> list[Choice]:
    """A facilitator's districts as buttons (several: type them with commas)."""
    found = [reference.district(code) for code in answers.get(MINE) or []]
    return [Choice(d.code, d.name(get_locale())) for d in found if d is not None]


def _show_crafts(value: list[str], _answers: Answers) -> str:
    names = []
    for key in value or []:
        craft = reference.craft(key)
        names.append(craft.name(get_locale()) if craft else key)
    return ", ".join(names) or "—"


def _show_reminders(value: list[int], _answers: Answers) -> str:
    parts = []
    for minutes in value or DEFAULT_MINUTES:
        if minutes % (24 * 60) == 0:
            parts.append(f"{minutes // (24 * 60)}d")
        elif minutes % 60 == 0:
            parts.append(f"{minutes // 60}h")
        else:
            parts.append(f"{minutes}m")
    return ", ".join(parts)


FORM = Form(
    key=FORM_KEY,
    title=N_("New workshop"),
    fields=(
        Field("title_en", N_("Title (English)"), N_("What is the workshop called, in "
              "English?"), hint=N_("For example: Selling on Flipkart: first steps"),
              parse=_text(120, 3), max_len=120),
        Field("title_hi", N_("Title (Hindi)"), N_("And its title in Hindi?"),
              hint=N_("For example: फ्लिपकार्ट पर बेचना: पहले कदम"), parse=_text(120, 3),
              max_len=120),
        Field("description_en", N_("Description (English)"),
              N_("A few lines about it in English (optional)."), parse=_text(1000),
              optional=True, max_len=1000),
        Field("description_hi", N_("Description (Hindi)"),
              N_("And the same in Hindi (optional)."), parse=_text(1000), optional=True,
              max_len=1000),
        Field("organiser", N_("Organiser"), N_("Who runs it?"), choices=_organiser_choices),
        Field("topic", N_("Topic"), N_("What is the topic?"),
              hint=N_("For example: packaging, photos, GST, export"), parse=_text(100, 2),
              max_len=100),
        Field("starts", N_("Starts"), N_("When does it start (India time)?"),
              hint=N_("Type the date and time like this: 25.12.2026 10:30"),
              parse=_parse_starts, show=_show_starts, resets=("duration",)),
        Field("duration", N_("Ends"), N_("What time does it end?"),
              hint=N_("For example: 13:00"), parse=_parse_duration, show=_show_duration),
        Field("mode", N_("Where"), N_("Is it at a place or online?"), choices=_mode_choices),
        Field("place", N_("Address"), N_("What is the address?"),
              parse=_text(300, 5), max_len=300,
              shown_when=lambda a: a.get("mode") == "place"),
        Field("online_url", N_("Link"), N_("What is the link to join?"),
              parse=lambda t, _a: rules.parse_link(t), max_len=300,
              shown_when=lambda a: a.get("mode") == "online"),
        Field("districts", N_("Districts"), N_("For which districts? Type names separated "
              "by commas, or “all”."), hint=N_("For example: Firozabad, Agra"),
              parse=_parse_districts, show=_show_districts, choices=_district_choices,
              columns=2, max_len=1000),
        Field("crafts", N_("Crafts"), N_("Only for some crafts? Type them separated by "
              "commas, or skip."), parse=lambda t, _a: rules.parse_crafts(t),
              show=_show_crafts, optional=True, max_len=500),
        Field("session_language", N_("Language"), N_("In which language is the session?"),
              choices=_language_choices),
        Field("capacity", N_("Places"), N_("How many places are there?"),
              hint=N_("A number, for example: 40"),
              parse=lambda t, _a: rules.parse_capacity(t)),
        Field("reminders", N_("Reminders"), N_("When should sellers be reminded? Skip for a "
              "day before and an hour before."), hint=N_("For example: 24h, 1h"),
              parse=lambda t, _a: rules.parse_reminders(t), show=_show_reminders,
              optional=True, max_len=40),
    ),
    save=_save,
)

CHECKIN = Form(
    key=CHECKIN_FORM,
    title=N_("Check-in"),
    fields=(Field("code", N_("Code"), N_("Type the check-in code the facilitator shows."),
                  hint=N_("For example: K7P3QX"), parse=_text(16, 4), max_len=16),),
    save=_save_checkin,
    confirm=False,
)

FEEDBACK = Form(
    key=FEEDBACK_FORM,
    title=N_("Workshop feedback"),
    fields=(Field("comment", N_("Comment"), N_("Anything you want to tell the organisers? "
                  "Type it, or skip."), parse=_text(500), optional=True, max_len=500),),
    save=_save_feedback,
    confirm=False,
)

FORMS = (FORM, CHECKIN, FEEDBACK)


# ---------------------------------------------------------------- outbox renderers

async def _current(session: Any, message: Message, seller: Seller) -> dict[str, Any] | None:
    workshop = await store.get(session, int(message.payload["w"]))
    if workshop is None or not store.open_to(workshop, seller):
        return None
    return workshop


async def render_announce(session: Any, message: Message, seller: Seller) -> Reply | None:
    workshop = await _current(session, message, seller)
    if workshop is None or workshop["status"] != store.PUBLISHED:
        return None
    if workshop["starts_at"] <= utcnow():
        return None
    rsvp = await store.rsvp_of(session, workshop["id"], seller.id)
    text = _("📣 A new workshop for you:") + "\n\n" + card_text(workshop)
    return Reply(text=text, buttons=_answer_rows(workshop, rsvp))


async def render_reminder(session: Any, message: Message, seller: Seller) -> Reply | None:
    workshop = await _current(session, message, seller)
    if (workshop is None or workshop["status"] != store.PUBLISHED
            or workshop["sequence"] != message.payload.get("v")):
        return None
    rsvp = await store.rsvp_of(session, workshop["id"], seller.id)
    if rsvp is None or rsvp["answer"] not in (store.GOING, store.MAYBE):
        return None  # never to someone who said they can't come
    minutes = int(message.payload.get("m", 60))
    head = (_("⏰ Reminder: tomorrow's workshop") if minutes >= 12 * 60
            else _("⏰ Reminder: the workshop starts soon"))
    lines = [head, "", f"🎓 {title(workshop)}", "🗓 " + when(workshop), where(workshop)]
    if rsvp["answer"] == store.MAYBE:
        lines += ["", _("You said maybe. Will you come?")]
    return Reply(text="\n".join(lines), buttons=_answer_rows(workshop, rsvp))


async def render_change(session: Any, message: Message, seller: Seller) -> Reply | None:
    workshop = await _current(session, message, seller)
    if (workshop is None or workshop["status"] != store.PUBLISHED
            or workshop["sequence"] != message.payload.get("v")):
        return None  # a newer change notice says it better
    text = "\n".join([_("🔄 A workshop you answered has changed. The new details:"), "",
                      f"🎓 {title(workshop)}", "🗓 " + when(workshop), where(workshop), "",
                      _("Open the new calendar file to update your calendar.")])
    return _ics_reply(workshop, text)


async def render_cancel(session: Any, message: Message, seller: Seller) -> Reply | None:
    workshop = await _current(session, message, seller)
    if workshop is None or workshop["status"] != store.CANCELLED:
        return None
    text = "\n".join([_("❌ This workshop is cancelled:"), "", f"🎓 {title(workshop)}",
                      "🗓 " + when(workshop), "",
                      _("Open the file to remove it from your calendar.")])
    return _ics_reply(workshop, text, cancelled=True)


async def render_promoted(session: Any, message: Message, seller: Seller) -> Reply | None:
    workshop = await _current(session, message, seller)
    if workshop is None or workshop["status"] != store.PUBLISHED:
        return None
    rsvp = await store.rsvp_of(session, workshop["id"], seller.id)
    if rsvp is None or rsvp["answer"] != store.GOING:
        return None
    text = "\n".join([_("🎉 A place became free: you are now going to this workshop."), "",
                      f"🎓 {title(workshop)}", "🗓 " + when(workshop), where(workshop), "",
                      _("If you can't come after all, please say so, so that someone else "
                        "can have the place.")])
    return _ics_reply(workshop, text, buttons=[[_btn(_("❌ Can't come"), workshop["id"],
                                                     store.NO)]])


async def render_feedback(session: Any, message: Message, seller: Seller) -> Reply | None:
    workshop = await _current(session, message, seller)
    if workshop is None:
        return None
    rsvp = await store.rsvp_of(session, workshop["id"], seller.id)
    if rsvp is None or not rsvp["attended_at"] or rsvp["feedback_score"]:
        return None
    text = _("How was “{title}”? Press a number from 1 (not useful) to 5 (very useful).") \
        .format(title=title(workshop))
    return Reply(text=text, buttons=[[_btn(str(n), workshop["id"], "fb", str(n))
                                      for n in range(1, 6)]])


KINDS = (
    Kind(store.ANNOUNCE, render_announce),
    Kind(store.REMINDER, render_reminder),
    Kind(store.CHANGE, render_change),
    Kind(store.CANCEL, render_cancel),
    Kind(store.PROMOTED, render_promoted),
    Kind(store.FEEDBACK, render_feedback),
)
