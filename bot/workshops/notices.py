"""The outbox messages of this slice, rendered at send time in the seller's language
(``KINDS``, handed to the sender by ``build_application()``): announcement, reminder,
change, cancellation, a place freed, the feedback question. Each renders nothing when the
workshop no longer fits it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from babel.dates import format_date

from bot.conversation.turn import Reply
from bot.db.models import Seller, utcnow
from bot.i18n import _, get_locale
from bot.outbox.queue import Kind, Message
from bot.workshops import workshops as store
from bot.workshops.buttons import button
from bot.workshops.reminders import IST, TODAY, TOMORROW, day_from
from bot.workshops.rules import clock_text
from bot.workshops.seller_screens import answer_rows, ics_reply
from bot.workshops.words import card_text, title, when, where


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
    return Reply(text=text, buttons=answer_rows(workshop, rsvp))


async def render_reminder(session: Any, message: Message, seller: Seller) -> Reply | None:
    workshop = await _current(session, message, seller)
    if (workshop is None or workshop["status"] != store.PUBLISHED
            or workshop["sequence"] != message.payload.get("v")):
        return None
    rsvp = await store.rsvp_of(session, workshop["id"], seller.id)
    if rsvp is None or rsvp["answer"] not in (store.GOING, store.MAYBE):
        return None  # never to someone who said they can't come
    # When it arrives: its due time, or now if the sender is late (a restart).
    arrives = max(message.due_at, utcnow())
    lines = [reminder_head(workshop["starts_at"], arrives), "", f"🎓 {title(workshop)}",
             "🗓 " + when(workshop), where(workshop)]
    if rsvp["answer"] == store.MAYBE:
        lines += ["", _("You said maybe. Will you come?")]
    return Reply(text="\n".join(lines), buttons=answer_rows(workshop, rsvp))


def reminder_head(starts_at: datetime, now: datetime) -> str:
    """Worded for when it arrives, not for when it was planned: a day-before reminder
    moved to 20:30 the evening before (quiet hours) says "tomorrow at 08:30"."""
    at = clock_text(starts_at.astimezone(IST).time())
    minutes = int((starts_at - now).total_seconds() // 60)
    day = day_from(now, starts_at)
    if day == TODAY and minutes <= 90:
        return _("⏰ Reminder: the workshop starts in {minutes} minutes, at {time}").format(
            minutes=max(minutes, 1), time=at)
    if day == TODAY:
        return _("⏰ Reminder: the workshop is today at {time}").format(time=at)
    if day == TOMORROW:
        return _("⏰ Reminder: the workshop is tomorrow at {time}").format(time=at)
    return _("⏰ Reminder: the workshop is on {day} at {time}").format(
        day=format_date(starts_at.astimezone(IST).date(), "EEEE d MMMM", locale=get_locale()),
        time=at)


async def render_change(session: Any, message: Message, seller: Seller) -> Reply | None:
    workshop = await _current(session, message, seller)
    if (workshop is None or workshop["status"] != store.PUBLISHED
            or workshop["sequence"] != message.payload.get("v")):
        return None  # a newer change notice says it better
    rsvp = await store.rsvp_of(session, workshop["id"], seller.id)
    details = [f"🎓 {title(workshop)}", "🗓 " + when(workshop), where(workshop)]
    if rsvp is not None and rsvp["answer"] == store.NO:
        # No calendar file: it is not in their calendar. The buttons: they may come now.
        text = "\n".join([_("🔄 A workshop you said you can't come to has a new time or "
                            "place. Perhaps you can come now?"), "", *details])
        return Reply(text=text, buttons=answer_rows(workshop, rsvp))
    text = "\n".join([_("🔄 A workshop you answered has changed. The new details:"), "",
                      *details, "", _("Open the new calendar file to update your calendar.")])
    return ics_reply(workshop, text, buttons=answer_rows(workshop, rsvp))


async def render_cancel(session: Any, message: Message, seller: Seller) -> Reply | None:
    workshop = await _current(session, message, seller)
    if workshop is None or workshop["status"] != store.CANCELLED:
        return None
    text = "\n".join([_("❌ This workshop is cancelled:"), "", f"🎓 {title(workshop)}",
                      "🗓 " + when(workshop), "",
                      _("Open the file to remove it from your calendar.")])
    return ics_reply(workshop, text, cancelled=True)


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
    return ics_reply(workshop, text, buttons=[[button(_("❌ Can't come"), workshop["id"],
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
    return Reply(text=text, buttons=[[button(str(n), workshop["id"], "fb", str(n))
                                      for n in range(1, 6)]])


KINDS = (
    Kind(store.ANNOUNCE, render_announce),
    Kind(store.REMINDER, render_reminder),
    Kind(store.CHANGE, render_change),
    Kind(store.CANCEL, render_cancel),
    Kind(store.PROMOTED, render_promoted),
    Kind(store.FEEDBACK, render_feedback),
)
