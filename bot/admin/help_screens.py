"""/needhelp: who needs help, marking a seller resolved, and the two relay forms (staff
write to a seller; the seller answers)."""

from __future__ import annotations

from bot.admin import english_screens, help_queue, staff, stats, voice_screens
from bot.admin.access import ALL
from bot.admin.screens import (
    StaffScreen,
    back_row,
    district_name,
    require,
)
from bot.admin.staff import Role
from bot.conversation import forms
from bot.conversation.callbacks import callback
from bot.conversation.forms import Field, Form
from bot.conversation.links import arguments
from bot.conversation.turn import Button, Gone, Turn, fit
from bot.db import sellers
from bot.db.models import utcnow
from bot.helpdesk import relay
from bot.i18n import N_, _
from bot.parsing.validators import clean_text
from bot.steps.texts import STEP_TEXTS


@callback("sh")
class HelpAction:
    seller: int  # sellers.id
    action: str
    district: str  # the list it was pressed on (shown again after)


@callback("ha")
class HelpAnswer:
    message: int  # help_messages.id the seller answers


HELP_LIST_MAX = 30  # one message, one resolve button each


def _step_title(key: str) -> str:
    text = STEP_TEXTS.get(key)
    return _(text.title) if text else key


def _stuck_on(item: stats.Stuck) -> str:
    parts = []
    if item.help_steps:
        parts.append(_("asked for help with: {steps}").format(
            steps=", ".join(_step_title(k) for k in item.help_steps)))
    if item.idle_days is not None:
        form = forms.get_form(item.form) if item.form else None
        if form is not None:
            field = form.field(item.field or "")
            where = _(form.title) + (f" › {_(field.label)}" if field else "")
            parts.append(_("stopped {days} days ago in the middle of: {where}").format(
                days=item.idle_days, where=where))
        else:
            parts.append(_("not seen for {days} days, with steps still open").format(
                days=item.idle_days))
    return "; ".join(parts)


async def needing_help(turn: Turn, role: Role, district: str) -> None:
    await english_screens.say_count(turn, role)  # issue 24: lines waiting for English
    items = await help_queue.waiting(turn.session, role, district)
    where = district_name(district)
    if not items:
        if not await voice_screens.show_waiting(turn, role, district):
            turn.say(_("🙋 Nobody in {where} is waiting for help right now.").format(
                where=where), buttons=[back_row()])
        return
    lines = [_("🙋 Who needs help in {where}: {count}").format(where=where, count=len(items)),
             ""]
    buttons = []
    for item in items[:HELP_LIST_MAX]:
        name = item.name or _("(no name yet)")
        contact = f" · {item.phone}" if item.phone else ""
        place = f" · {district_name(item.district)}" if district == ALL else ""
        lines.append(f"• {name}{contact}{place}\n  {_stuck_on(item)}")
        # The name on both: which row is whose; the words go first when it is long.
        buttons.append([Button(fit(_("💬 Write to: {name}").format(name=name), f"💬 {name}"),
                               HelpAction(item.seller_id, "reply", district).pack()),
                        Button(fit(_("✅ Resolved: {name}").format(name=name), f"✅ {name}"),
                               HelpAction(item.seller_id, "done", district).pack())])
    if len(items) > HELP_LIST_MAX:
        lines.append(_("…and {count} more. Mark some resolved to see the rest.").format(
            count=len(items) - HELP_LIST_MAX))
    turn.say("\n".join(lines), buttons=[*buttons, back_row()])
    await voice_screens.show_waiting(turn, role, district)  # and the voice notes


async def on_help_button(turn: Turn, data: HelpAction) -> None:
    role = await require(turn, data.district)
    if data.action == "reply":
        district = await help_queue.seller_district(turn.session, role, data.seller)
        await _start_reply(turn, data.seller, district)
        return
    if data.action != "done":
        await help_queue.seller_district(turn.session, role, data.seller)
        raise Gone(_("This button no longer works."))
    await help_queue.resolve(turn.session, role, data.seller)
    turn.notice = _("Marked resolved ✓")
    await needing_help(turn, role, data.district)


RELAY_MAX = 1500


@arguments("needhelp")
class NeedhelpArgs:
    rest: str  # a district (its code, or its name in English or Hindi), or "all"


HELP = StaffScreen("help", N_("🙋 Who needs help"), needing_help, command="needhelp",
                   description=N_("Staff: sellers who need help"), args=NeedhelpArgs,
                   question=N_("Sellers of which district?"))


async def _start_reply(turn: Turn, seller_id: int, district: str) -> None:
    seller = await sellers.by_id(turn.session, seller_id)
    name = (seller.name if seller else None) or _("(no name yet)")
    # The introduction heads the form's question: one message on the phone, not two.
    await forms.start(turn, HELP_REPLY.key, context={"@seller": seller_id},
                      prefix=_("💬 Write your message to {name}. They will see it as a "
                               "message from the facilitator for {where}, and can answer "
                               "you.").format(name=name, where=district_name(district)))


async def _save_reply(turn: Turn, answers: forms.Answers) -> None:
    seller_id = int(answers.get("@seller") or 0)
    district = await help_queue.write(turn.session, await turn.staff(), seller_id,
                                      answers["text"], now=utcnow())
    # Writing is not solving: the request stays open until staff say it is resolved.
    turn.say(_("✉ Sent. If they answer, their message will come to this chat. When their "
               "problem is solved, mark it resolved."),
             buttons=[[Button(_("✅ Mark resolved"),
                              HelpAction(seller_id, "done", district).pack())], back_row()])


def _relay_form(key: str, title: str, prompt: str, save) -> Form:
    """One message of the relay, either way: one text field, sent on save."""
    return Form(key=key, title=title, save=save, confirm=False, fields=(
        Field("text", N_("Message"), prompt,
              parse=lambda text, _a: clean_text(text, RELAY_MAX), max_len=RELAY_MAX),))


HELP_REPLY = _relay_form("help_reply", N_("Message to a seller"), N_("Type your message."),
                         _save_reply)


async def on_answer_button(turn: Turn, data: HelpAnswer) -> None:
    """The seller's "↩ Answer" under a facilitator's message."""
    row = await relay.get(turn.session, data.message)
    if row is None or turn.seller is None or row.seller_id != turn.seller.id:
        raise Gone(_("This button no longer works."))
    await forms.start(turn, HELP_ANSWER.key, context={"@message": row.id},
                      prefix=_("↩ Type your answer to the facilitator, or send a voice "
                               "note."))


async def _save_answer(turn: Turn, answers: forms.Answers) -> None:
    await answer_facilitator(turn, int(answers.get("@message") or 0), answers["text"])


async def answer_facilitator(turn: Turn, message_id: int, text: str,
                             voice_file_id: str | None = None) -> None:
    """The seller's answer (typed, or a voice note by its file id) to the facilitator's
    message ``message_id``, if it is hers and that facilitator still covers her."""
    row = await relay.get(turn.session, message_id)
    if row is None or turn.seller is None or row.seller_id != turn.seller.id:
        raise Gone(_("This button no longer works."))
    district = await stats.seller_district(turn.session, turn.seller.id)
    role = await staff.role(turn.session, row.staff_telegram_id, False)
    staff_chat = await sellers.id_of_telegram(turn.session, row.staff_telegram_id)
    if staff_chat is None or ((role is None or not district or not role.can_see(district))
                              and row.staff_telegram_id not in turn.settings.admin_ids):
        turn.say(_("Sorry, that facilitator no longer works with your district, so I cannot "
                   "pass this on. Press “🙋 I need help” on your step and the new "
                   "facilitator will see it."))
        return
    await relay.write(turn.session, seller_id=turn.seller.id,
                      staff_telegram_id=row.staff_telegram_id, from_staff=False,
                      text=text, recipient_seller_id=staff_chat, now=utcnow(),
                      voice_file_id=voice_file_id)
    turn.say(_("✉ Sent to your facilitator."))


HELP_ANSWER_FORM = "help_answer"
HELP_ANSWER = _relay_form(HELP_ANSWER_FORM, N_("Answer to the facilitator"),
                          N_("Type your answer."), _save_answer)


