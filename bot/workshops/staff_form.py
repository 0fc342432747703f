"""The staff's form that creates and edits a workshop (/newworkshop, ✏️ Edit); saving asks
for the role and the workshop's districts again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from babel.units import format_unit

from bot.conversation import forms
from bot.conversation.forms import Answers, Field, Form
from bot.conversation.navigation import menu_button
from bot.conversation.turn import Gone, Turn
from bot.db.models import utcnow
from bot.i18n import N_, _, get_locale
from bot.parsing.validators import Choice, Invalid, check_back, clean_text
from bot.reference import districts as reference
from bot.workshops import access, rules, services
from bot.workshops.reminders import DEFAULT_MINUTES
from bot.workshops.seller_screens import show
from bot.workshops.words import LANGUAGE_NAMES, ORGANISER_NAMES, districts_text, when

FORM_KEY = "workshop"
# In the staff form's answers: the facilitator's district codes when it was started (the
# district question offers and accepts only these; absent for an operator). Saving asks
# for the role again: it may have changed while they typed.
MINE = "@mine"


@dataclass(frozen=True)
class _Mine:
    """A facilitator's role as the form knew it when it started (``MINE``)."""
    districts: frozenset[str]
    operator: bool = False


# The language staff write in first (their own); the other one is optional, and sellers
# who read it get the first where it is missing (``words.title``).
LANG = "@lang"


def _other(language: str) -> str:
    return "en" if language == "hi" else "hi"


def mine_of(role: Any) -> dict[str, Any]:
    """The form's context: a facilitator's districts (an operator may name any, or all)."""
    return {} if role.operator else {MINE: sorted(role.districts)}


async def start_new(turn: Turn) -> None:
    role = services.staff_only(await turn.staff())
    await forms.start(turn, FORM_KEY, context={**mine_of(role), LANG: get_locale()})


def answers_of(workshop: dict[str, Any]) -> Answers:
    starts = workshop["starts_at"]
    first = get_locale() if workshop[f"title_{get_locale()}"] else _other(get_locale())
    other = _other(first)
    return {LANG: first, "title": workshop[f"title_{first}"],
            f"title_{other}": workshop[f"title_{other}"] or None,
            "description": workshop[f"description_{first}"] or None,
            f"description_{other}": workshop[f"description_{other}"] or None,
            "organiser": workshop["organiser"], "topic": workshop["topic"],
            "starts": starts.isoformat(), "duration": workshop["duration_minutes"],
            "mode": "online" if workshop["online_url"] and not workshop["place"] else "place",
            "place": workshop["place"], "online_url": workshop["online_url"],
            "districts": workshop["districts"], "crafts": workshop["crafts"] or None,
            "session_language": workshop["session_language"],
            "capacity": workshop["capacity"],
            "reminders": workshop["reminder_minutes"]}


async def start_edit(turn: Turn, workshop_id: int) -> None:
    role = await turn.staff()
    workshop = await services.run(turn.session, role, workshop_id)
    await forms.start(turn, FORM_KEY, answers=answers_of(workshop),
                      context={"@workshop": workshop_id, **mine_of(role)})


def values_of(answers: Answers) -> dict[str, Any]:
    """The form's answers as a workshop's stored values (the bot's form and the web's)."""
    online = answers.get("mode") == "online"
    first = answers.get(LANG) or "en"
    other = _other(first)
    return {f"title_{first}": answers["title"], f"title_{other}": answers.get(f"title_{other}")
            or "", f"description_{first}": answers.get("description") or "",
            f"description_{other}": answers.get(f"description_{other}") or "",
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
    values = values_of(answers)
    # The services ask again: the role or the districts may have changed while they typed.
    role = await turn.staff()
    try:
        if answers.get("@workshop"):
            workshop_id = int(answers["@workshop"])
            told = await services.edit(turn.session, role, workshop_id, values, now=now)
        else:
            workshop_id = await services.create(turn.session, role, values,
                                                created_by=turn.telegram_id, now=now)
    except Gone as gone:
        turn.say(gone.message, buttons=[[menu_button()]])
        return
    if answers.get("@workshop"):
        prefix = _("Saved.")
        if told:
            prefix += " " + _("{count} people who answered will get the new time or place "
                              "and a new calendar file.").format(count=len(told))
        await show(turn, workshop_id, prefix=prefix)
        return
    await show(turn, workshop_id, prefix=_("Saved as a draft. Press “📣 Announce” to tell "
                                           "the sellers in its districts."))


def text_answer(max_len: int, min_len: int = 1):
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
    now = utcnow()
    starts = rules.parse_start(text, now)
    # Always said back before it is taken: "कल", "सोमवार" and "3 बजे" (15:00) are read,
    # and a slip must show now, not on the poster.
    check_back(_("{when} — right?").format(when=rules.spoken(starts, now)),
               _("✅ Yes, right"), _("✏️ Change"))
    return starts.isoformat()


def _parse_duration(text: str, answers: Answers) -> int:
    return rules.parse_end(text, datetime.fromisoformat(answers["starts"]))


def _show_starts(value: str, _answers: Answers) -> str:
    return rules.spoken(datetime.fromisoformat(value), utcnow()) + " IST"


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


def _parse_districts(text: str, answers: Answers) -> list[str]:
    codes = rules.parse_districts(text)
    mine = answers.get(MINE)
    if mine is not None and not access.may_plan_for(_Mine(frozenset(mine)), codes):
        raise Invalid(services.not_yours(codes, _Mine(frozenset(mine))))
    return codes


def _districts_how(answers: Answers) -> dict[str, str]:
    # Only an operator may plan for all districts: a facilitator is not offered "all".
    if answers.get(MINE) is None:
        return {"how": _("Type names separated by commas, or “all”.")}
    return {"how": _("Press yours, or type several separated by commas.")}


def _district_choices(answers: Answers) -> list[Choice]:
    """A facilitator's districts as buttons (several: type them with commas)."""
    found = [reference.district(code) for code in answers.get(MINE) or []]
    return [Choice(d.code, d.button(get_locale())) for d in found if d is not None]


def _show_crafts(value: list[str], _answers: Answers) -> str:
    names = []
    for key in value or []:
        craft = reference.craft(key)
        names.append(craft.name(get_locale()) if craft else key)
    return ", ".join(names) or "—"


def _show_reminders(value: list[int], _answers: Answers) -> str:
    # Babel's unit names ("1 दिन, 1 घंटा पहले"), not "1d, 1h" on a Hindi screen; the unit is
    # the largest that divides exactly (format_timedelta would round 90 minutes to 2 hours).
    parts = []
    for minutes in value or DEFAULT_MINUTES:
        if minutes % (24 * 60) == 0:
            amount, unit = minutes // (24 * 60), "duration-day"
        elif minutes % 60 == 0:
            amount, unit = minutes // 60, "duration-hour"
        else:
            amount, unit = minutes, "duration-minute"
        parts.append(format_unit(amount, unit, locale=get_locale()))
    return _("{times} before").format(times=", ".join(parts))


FORM = Form(
    key=FORM_KEY,
    title=N_("New workshop"),
    fields=(
        Field("title", N_("Title"), N_("What is the workshop called?"),
              hint=N_("For example: Selling on Flipkart: first steps"),
              parse=text_answer(120, 3), max_len=120),
        Field("title_en", N_("Title (English)"), N_("Its title in English too? Optional: "
              "sellers who read English get the Hindi title otherwise."),
              parse=text_answer(120, 3), max_len=120, optional=True,
              skipped=N_("Everyone sees the Hindi title"),
              shown_when=lambda a: a.get(LANG) == "hi"),
        Field("title_hi", N_("Title (Hindi)"), N_("Its title in Hindi too? Optional: sellers "
              "who read Hindi get the English title otherwise."),
              hint=N_("For example: फ्लिपकार्ट पर बेचना: पहले कदम"), parse=text_answer(120, 3),
              max_len=120, optional=True, skipped=N_("Everyone sees the English title"),
              shown_when=lambda a: a.get(LANG) != "hi"),
        Field("description", N_("Description"), N_("A few lines about it (optional)."),
              parse=text_answer(1000), optional=True, max_len=1000),
        Field("description_en", N_("Description (English)"),
              N_("The same in English (optional)."), parse=text_answer(1000),
              optional=True, max_len=1000,
              shown_when=lambda a: a.get(LANG) == "hi" and bool(a.get("description"))),
        Field("description_hi", N_("Description (Hindi)"),
              N_("And the same in Hindi (optional)."), parse=text_answer(1000), optional=True,
              max_len=1000,
              shown_when=lambda a: a.get(LANG) != "hi" and bool(a.get("description"))),
        Field("organiser", N_("Organiser"), N_("Who runs it?"), choices=_organiser_choices),
        Field("topic", N_("Topic"), N_("What is the topic?"),
              hint=N_("For example: packaging, photos, GST, export"), parse=text_answer(100, 2),
              max_len=100),
        Field("starts", N_("Starts"), N_("When does it start (India time)?"),
              hint=N_("For example: 25.12.2026 10:30, “कल सुबह 10 बजे” or “15 Dec 11am”"),
              parse=_parse_starts, show=_show_starts, resets=("duration",)),
        Field("duration", N_("Ends"), N_("What time does it end?"),
              hint=N_("For example: 13:00, “1 बजे” or “2 घंटे”"), parse=_parse_duration,
              show=_show_duration),
        Field("mode", N_("Where"), N_("Is it at a place or online?"), choices=_mode_choices),
        Field("place", N_("Address"), N_("What is the address?"),
              parse=text_answer(300, 5), max_len=300,
              shown_when=lambda a: a.get("mode") == "place"),
        Field("online_url", N_("Link"), N_("What is the link to join?"),
              parse=lambda t, _a: rules.parse_link(t), max_len=300,
              shown_when=lambda a: a.get("mode") == "online"),
        Field("districts", N_("Districts"), N_("For which districts? {how}"),
              hint=N_("For example: Firozabad, Agra"), question_args=_districts_how,
              parse=_parse_districts, show=_show_districts, choices=_district_choices,
              columns=2, max_len=1000),
        Field("crafts", N_("Crafts"), N_("Only for some crafts? Type them separated by "
              "commas, or skip."), parse=lambda t, _a: rules.parse_crafts(t),
              show=_show_crafts, optional=True, skipped=N_("Every craft"), max_len=500),
        Field("session_language", N_("Language"), N_("In which language is the session?"),
              choices=_language_choices),
        Field("capacity", N_("Places"), N_("How many places are there?"),
              hint=N_("A number, for example: 40"),
              parse=lambda t, _a: rules.parse_capacity(t)),
        Field("reminders", N_("Reminders"), N_("When should sellers be reminded? Skip for a "
              "day before and an hour before."), hint=N_("For example: 24h, 1h"),
              parse=lambda t, _a: rules.parse_reminders(t), show=_show_reminders,
              optional=True, skipped=N_("A day before and an hour before"), max_len=40),
    ),
    save=_save,
)

