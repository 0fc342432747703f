"""/broadcast: the message form, the preview with its audience, sending, progress and
stopping."""

from __future__ import annotations

import math
from typing import Any

from bot.admin import broadcasting, broadcasts, stats
from bot.admin.notices import broadcast_text, in_language
from bot.admin.screens import (
    StaffScreen,
    back_row,
    district_name,
)
from bot.admin.staff import Role
from bot.conversation import forms
from bot.conversation.callbacks import callback
from bot.conversation.forms import Field, Form
from bot.conversation.links import arguments
from bot.conversation.turn import Button, Gone, Turn
from bot.db.models import utcnow
from bot.files import spreadsheet
from bot.files.spreadsheet import Column, Table
from bot.i18n import N_, _, get_locale, ngettext, use_locale
from bot.outbox import queue
from bot.parsing.validators import Choice, Invalid, clean_text
from bot.reference import districts as reference
from bot.workshops.reminders import IST


@callback("sb")
class BroadcastAction:
    broadcast: int  # broadcasts.id
    # send | urgent (send, even in quiet hours) | status | cancel | file | resend | resend_yes
    action: str


BROADCAST_MAX = 1500  # characters per language: one Telegram message with its heading


def _district_crafts(answers: forms.Answers) -> list[Choice]:
    """The district's ODOP crafts as buttons (others can be typed)."""
    keys: list[str] = []
    for product in reference.odop_products(answers.get("@district") or ""):
        if product.craft_key not in keys and reference.craft(product.craft_key):
            keys.append(product.craft_key)
    return [Choice(key, reference.craft(key).button(get_locale())) for key in keys]


def _craft(text: str, answers: forms.Answers) -> str:
    found = reference.match_craft(clean_text(text, 100))
    if found is None:
        example = next(iter(_district_crafts(answers)), None)
        raise Invalid(_("I do not know that craft. Please press one of the buttons or type "
                        "a craft's name, for example: {example}; or skip to write to "
                        "everyone.").format(
            # The full name in a sentence; the buttons carry the short one.
            example=reference.craft(example.value if example else "glassware").name(
                get_locale())))
    return found.key


def _craft_name(key: Any, _answers: forms.Answers | None = None) -> str:
    found = reference.craft(key) if key else None
    return found.name(get_locale()) if found else _("all crafts")


# The language staff write in first (their own, when they opened the form); the other is
# optional, and a seller who reads it gets the first (``notices.in_language``).
LANG = "@lang"
URGENT = "urgent"


async def create_from(session: Any, role: Role | None, answers: forms.Answers) -> int:
    """A draft from the form's answers (the bot's form and the web page's)."""
    first = answers.get(LANG) or "en"
    other = "en" if first == "hi" else "hi"
    texts = {f"text_{first}": answers["text"],
             f"text_{other}": answers.get(f"text_{other}") or ""}
    return await broadcasting.create(
        session, role, district=answers.get("@district") or "",
        craft=answers.get("craft"), stage=answers.get("stage"), text_en=texts["text_en"],
        text_hi=texts["text_hi"], now=utcnow())


async def _save_broadcast(turn: Turn, answers: forms.Answers) -> None:
    broadcast_id = await create_from(turn.session, await turn.staff(), answers)
    await _preview(turn, broadcast_id, urgent=answers.get("when") == URGENT)


def _when_choices(_answers: forms.Answers) -> list[Choice]:
    return [Choice("normal", _("⏰ Normal")), Choice(URGENT, _("🚨 Urgent"))]


def _message(text: str, _answers: forms.Answers) -> str:
    return clean_text(text, BROADCAST_MAX)


BROADCAST_FORM = Form(
    key="broadcast",
    title=N_("Broadcast"),
    fields=(
        Field("text", N_("Message"), N_("What should the message say?"), parse=_message,
              max_len=BROADCAST_MAX),
        Field("text_en", N_("Message (English)"), N_("The same message in English too? "
              "Optional: sellers who read English get your Hindi message otherwise."),
              parse=_message, max_len=BROADCAST_MAX, optional=True,
              skipped=N_("Everyone gets the Hindi message"),
              shown_when=lambda a: a.get(LANG) == "hi"),
        Field("text_hi", N_("Message (Hindi)"), N_("The same message in Hindi too? "
              "Optional: sellers who read Hindi get your English message otherwise."),
              parse=_message, max_len=BROADCAST_MAX, optional=True,
              skipped=N_("Everyone gets the English message"),
              shown_when=lambda a: a.get(LANG) != "hi"),
        Field("craft", N_("Craft"), N_("Only for sellers of one craft? Press it or type "
                                        "its name, or skip to send it to every seller of "
                                        "the district."),
              parse=_craft, choices=_district_crafts, optional=True, show=_craft_name,
              skipped=N_("Every craft")),
        Field("stage", N_("Sellers"), N_("To every seller, or only to those stuck at one "
                                          "stage?"), choices=lambda _a: _stage_choices()),
        Field("when", N_("When"), N_("Between 21:00 and 08:00 (India time) messages wait "
              "for the morning. Is this one urgent, to go out at once even at night?"),
              choices=_when_choices),
    ),
    save=_save_broadcast,
)


EVERYONE = "all"


# Sellers stuck at a stage: reached it, and not the next one (button labels, short).
STUCK_TEXT = {
    stats.JOINED: N_("No profile yet"),
    stats.PROFILE: N_("Under half the steps"),
    stats.HALF_STEPS: N_("No product yet"),
    stats.PRODUCT: N_("Drafts not sent"),
    stats.DRAFTS: N_("No workshop yet"),
}


def _stage_choices() -> list[Choice]:
    return [Choice(EVERYONE, _("All sellers"))] + [
        Choice(stage, _(STUCK_TEXT[stage])) for stage in broadcasts.STUCK_STAGES]


def audience_name(craft: str | None, stage: str | None) -> str:
    who = _craft_name(craft)
    if stage in STUCK_TEXT:
        who += " · " + _("only: {who}").format(who=_(STUCK_TEXT[stage]))
    return who


def duration_text(seconds: float) -> str:
    seconds = max(1, math.ceil(seconds))
    if seconds < 120:
        return ngettext("about {n} second", "about {n} seconds", seconds).format(n=seconds)
    return _("about {n} minutes").format(n=math.ceil(seconds / 60))


async def broadcast_start(turn: Turn, _role: Role, district: str) -> None:
    turn.say(_("📣 A message to the sellers of {where}. You will see a preview before "
               "anything is sent.").format(where=district_name(district)))
    await forms.start(turn, BROADCAST_FORM.key,
                      context={"@district": district, LANG: get_locale()})


@arguments("broadcast")
class BroadcastArgs:
    rest: str  # a district (its code, or its name in English or Hindi), or "all"


BROADCAST = StaffScreen("broadcast", N_("📣 Broadcast"), broadcast_start, command="broadcast",
                        description=N_("Staff: a message to a district's sellers"),
                        args=BroadcastArgs,
                        question=N_("A message to the sellers of which district?"),
                        allow_all=False)


def _sellers(count: int) -> str:
    return ngettext("{count} seller", "{count} sellers", count).format(count=count)


def languages_text(row: Any, read: dict[str, int]) -> str:
    """Who gets which language: "Hindi: 30 sellers · English: 10 sellers (in Hindi: no
    English was written)"."""
    parts = []
    for language, name in (("hi", _("Hindi")), ("en", _("English"))):
        written = row.text_hi if language == "hi" else row.text_en
        part = f"{name}: {_sellers(read.get(language, 0))}"
        if not written and read.get(language):
            part += " " + (_("(they get the English text)") if language == "hi"
                           else _("(they get the Hindi text)"))
        parts.append(part)
    return " · ".join(parts)


def goes_text(now: Any, *, urgent: bool) -> str:
    """When it starts going out, in words."""
    at = broadcasting.goes_at(now, urgent=urgent)
    if at <= now:
        return _("It goes out now.")
    local = at.astimezone(IST)
    if local.date() == now.astimezone(IST).date():
        return _("It is quiet hours (21:00–08:00): it goes out at {time} this "
                 "morning.").format(time=f"{local:%H:%M}")
    return _("It is quiet hours (21:00–08:00): it goes out at {time} tomorrow "
             "morning.").format(time=f"{local:%H:%M}")


async def _preview(turn: Turn, broadcast_id: int, *, urgent: bool = False) -> None:
    seen = await broadcasting.preview(turn.session, await turn.staff(), broadcast_id,
                                      rate=turn.settings.outbox_rate)
    row = seen.broadcast
    for language, label in (("hi", _("Sample for sellers who read Hindi:")),
                            ("en", _("Sample for sellers who read English:"))):
        with use_locale(language):
            sample = broadcast_text(row.district_code, in_language(row, language))
        turn.say(label + "\n\n" + sample)
    lines = [_("📣 Preview: {where}, {craft}").format(
        where=district_name(row.district_code),
        craft=audience_name(row.craft_key, row.stage)),
        ngettext("It will go to {count} seller.", "It will go to {count} sellers.",
                 seen.sellers).format(count=seen.sellers)]
    if seen.sellers:
        lines.append(languages_text(row, seen.languages))
    if seen.blocked:
        lines.append(ngettext("Left out: {count} seller who blocked the bot.",
                              "Left out: {count} sellers who blocked the bot.",
                              seen.blocked).format(
            count=seen.blocked))
    if not seen.sellers:
        lines.append(_("Nobody to send it to yet."))
        turn.say("\n".join(lines), buttons=[back_row()])
        return
    lines.append(goes_text(utcnow(), urgent=urgent) + " " + _(
        "Sending takes {time} at the current rate.").format(time=duration_text(seen.seconds)))
    turn.say("\n".join(lines), buttons=[
        [Button(ngettext("✅ Send to {count} seller", "✅ Send to {count} sellers",
                         seen.sellers).format(count=seen.sellers),
                BroadcastAction(broadcast_id, "urgent" if urgent else "send").pack())],
        [Button(_("✖ Discard"), BroadcastAction(broadcast_id, "cancel").pack())]])


def _progress_buttons(broadcast_id: int) -> list[list[Button]]:
    return [[Button(_("🔄 Progress"), BroadcastAction(broadcast_id, "status").pack()),
             Button(_("⏹ Stop sending"), BroadcastAction(broadcast_id, "cancel").pack())]]


async def _status(turn: Turn, broadcast_id: int) -> None:
    seen = await broadcasting.status(turn.session, await turn.staff(), broadcast_id)
    row, report = seen.broadcast, seen.report
    waiting = report.count(queue.PENDING, queue.SENDING)
    lines = [_("Sent: {sent} · Failed: {failed} · Unknown: {unknown}").format(
        sent=report.count(queue.SENT), failed=report.count(queue.FAILED),
        unknown=report.count(queue.UNKNOWN))]
    if report.count(queue.CANCELLED):
        lines.append(_("Not sent (stopped, or the seller blocked the bot): {count}").format(
            count=report.count(queue.CANCELLED)))
    unknown = report.count(queue.UNKNOWN)
    if unknown:
        lines.append(ngettext(
            "❓ {count} message may or may not have arrived (the sender stopped while "
            "sending it). Their names are in the recipient list.",
            "❓ {count} messages may or may not have arrived (the sender stopped while "
            "sending them). Their names are in the recipient list.", unknown).format(
            count=unknown))
    extra = [[Button(_("📄 Recipient list"), BroadcastAction(broadcast_id, "file").pack())]]
    if unknown and row.status == broadcasts.QUEUED:
        extra.append([Button(_("🔁 Resend to unknown"),
                             BroadcastAction(broadcast_id, "resend").pack())])
    if row.status == broadcasts.CANCELLED:
        head = _("📣 Broadcast stopped. Final report:")
        buttons = [back_row()]
    elif waiting:
        head = ngettext("📣 Broadcast to {count} seller is being sent. Still waiting: {waiting}.",
                        "📣 Broadcast to {count} sellers is being sent. Still waiting: {waiting}.",
                        report.audience).format(
            count=report.audience, waiting=waiting)
        buttons = _progress_buttons(broadcast_id)
    else:
        head = _("📣 Broadcast finished. Final report:")
        buttons = [back_row()]
    turn.say(head + "\n" + "\n".join(lines), buttons=extra + buttons)


# The recipient file's words for an outbox status (codes are chosen where shown).
STATUS_WORDS = {
    queue.PENDING: N_("waiting"), queue.SENDING: N_("sending"), queue.SENT: N_("sent"),
    queue.FAILED: N_("failed"), queue.UNKNOWN: N_("unknown"),
    queue.CANCELLED: N_("not sent"),
}


def _recipient_file(people: list[broadcasts.Recipient]) -> bytes:
    columns = [Column(_("Seller ID"), width=10), Column(_("Name")),
               Column(_("District")), Column(_("Status"), width=12),
               Column(_("Resent"), width=10), Column(_("First copy"), width=12),
               Column(_("Reason"), width=30)]
    rows = ([p.seller_id, p.name or "", district_name(p.district) if p.district else "",
             _(STATUS_WORDS.get(p.status, p.status)), _("yes") if p.resent else "",
             _(STATUS_WORDS.get(p.first, p.first)), p.error or ""] for p in people)
    return spreadsheet.xlsx([Table(_("Recipients"), columns, rows)], streamed=False)


async def _send_file(turn: Turn, broadcast_id: int) -> None:
    row, people = await broadcasting.recipients(turn.session, await turn.staff(),
                                                broadcast_id)
    unknown = sum(1 for p in people if p.status == queue.UNKNOWN)
    turn.say(_("📄 Recipients of the broadcast to {where}: {count} (unknown: {unknown})")
             .format(where=district_name(row.district_code), count=len(people),
                     unknown=unknown),
             document=(f"haat-broadcast-{broadcast_id}-recipients.xlsx",
                       _recipient_file(people)))


async def _ask_resend(turn: Turn, broadcast_id: int) -> None:
    _row, people = await broadcasting.recipients(turn.session, await turn.staff(),
                                                 broadcast_id)
    count = sum(1 for p in people if p.first == queue.UNKNOWN and not p.resent)
    if not count:
        turn.notice = _("Already done ✓")
        return
    turn.say(ngettext(
        "🔁 Send the message again to {count} seller whose copy is unknown?\n\nTelegram "
        "gives no way to know whether it arrived, so they may get it twice.",
        "🔁 Send the message again to {count} sellers whose copy is unknown?\n\nTelegram "
        "gives no way to know whether it arrived, so some may get it twice.", count).format(
        count=count),
        buttons=[[Button(_("🔁 Yes, send again"),
                         BroadcastAction(broadcast_id, "resend_yes").pack()),
                  Button(_("◀ No"), BroadcastAction(broadcast_id, "status").pack())]])


async def _resend(turn: Turn, broadcast_id: int) -> None:
    count = await broadcasting.resend_unknown(turn.session, await turn.staff(), broadcast_id,
                                              now=utcnow())
    if not count:
        turn.notice = _("Already done ✓")
        return
    turn.say(ngettext("🔁 Queued again for {count} seller.",
                      "🔁 Queued again for {count} sellers.", count).format(count=count),
             buttons=_progress_buttons(broadcast_id))


async def on_broadcast_button(turn: Turn, data: BroadcastAction) -> None:
    role = await turn.staff()
    if data.action in ("send", "urgent"):
        now = utcnow()
        urgent = data.action == "urgent"  # chosen in the form; staff may send at night
        count = await broadcasting.send(turn.session, role, data.broadcast, now=now,
                                        urgent=urgent)
        if count is None:
            turn.notice = _("Already done ✓")
            return
        turn.say(ngettext("📣 Queued for {count} seller.", "📣 Queued for {count} sellers.",
                          count).format(count=count) + " " + goes_text(now, urgent=urgent),
                 buttons=_progress_buttons(data.broadcast))
    elif data.action == "status":
        await _status(turn, data.broadcast)
    elif data.action == "file":
        await _send_file(turn, data.broadcast)
    elif data.action == "resend":
        await _ask_resend(turn, data.broadcast)
    elif data.action == "resend_yes":
        await _resend(turn, data.broadcast)
    elif data.action == "cancel":
        stopped = await broadcasting.stop(turn.session, role, data.broadcast, now=utcnow())
        if stopped.count is None:
            turn.notice = _("Already stopped.")
            return
        if stopped.was_draft:
            turn.say(_("Discarded. Nothing was sent."), buttons=[back_row()])
            return
        turn.say(_("⏹ Stopped: {count} messages will not be sent.").format(
            count=stopped.count))
        await _status(turn, data.broadcast)
    else:
        raise Gone(_("This button no longer works."))
