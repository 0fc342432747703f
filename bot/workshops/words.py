"""A workshop in words, in the current language: its title, time, place, districts and the
card's text. Shared by the screens, the outbox notices, the staff posters and the CLI."""

from __future__ import annotations

from typing import Any

from babel.dates import format_datetime

from bot.i18n import N_, _, get_locale
from bot.reference import districts as reference
from bot.workshops import workshops as store
from bot.workshops.reminders import IST

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


def _in_language(workshop: dict[str, Any], key: str) -> str:
    """The reader's language where staff wrote it, the other one otherwise (staff write
    in their language first; the second is optional)."""
    first, other = ("hi", "en") if get_locale() == "hi" else ("en", "hi")
    return workshop.get(f"{key}_{first}") or workshop.get(f"{key}_{other}") or ""


def title(workshop: dict[str, Any]) -> str:
    return _in_language(workshop, "title")


def description(workshop: dict[str, Any]) -> str:
    return _in_language(workshop, "description")


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

