"""A voice note (or audio file) arriving: what it means depends on who sends it and
where they are. A seller at a question: the bot cannot listen yet, so it offers to send
the note to whoever will hear it (her facilitator, else the operators), keeping the
question. Staff recording an explanation, or answering a seller: it goes where they
meant it. Anywhere else it is like any other media. Only the file id is kept."""

from __future__ import annotations

from bot.admin import stats, voice_queue
from bot.admin.help_screens import HELP_ANSWER_FORM, answer_facilitator
from bot.admin.voice_screens import (
    HELP_REPLY_FORM,
    RECORD_FORM,
    NoteAction,
    on_staff_note,
    save_recording,
)
from bot.conversation import forms
from bot.conversation.navigation import continue_button
from bot.conversation.turn import Button, Gone, Turn
from bot.db.models import utcnow
from bot.helpdesk import voice
from bot.helpdesk.entering import question_name
from bot.i18n import _
from bot.seller import dialog, onboarding


async def on_voice(turn: Turn, file_id: str) -> None:
    if turn.row is None:
        onboarding.ask_language(turn)
        return
    form = forms.current_form(turn)
    active = forms.is_active(turn)
    if active and form is not None and form.key == RECORD_FORM:
        await save_recording(turn, file_id)
        return
    if active and form is not None and form.key == HELP_REPLY_FORM:
        seller_id = int((forms.state_of(turn) or {}).get("answers", {}).get("@seller") or 0)
        forms.discard(turn)
        await voice_queue.write_voice(turn.session, await turn.staff(), seller_id, file_id,
                                      now=utcnow())
        turn.say(_("✉ Sent. If they answer, their message will come to this chat."))
        return
    if active and form is not None and form.key == HELP_ANSWER_FORM and turn.seller:
        # Her "↩ Answer" to the facilitator, spoken: it goes as it is (a person listens).
        message_id = int((forms.state_of(turn) or {}).get("answers", {}).get("@message")
                         or 0)
        forms.discard(turn)
        await answer_facilitator(turn, message_id, "", voice_file_id=file_id)
        return
    if turn.seller is None:  # a staff member's chat row: only staff forms wait on it
        onboarding.ask_language(turn)
        return
    field = forms.waiting_for(turn)
    if field is None or form is None or form.key.startswith(("help_", "voice_")):
        await dialog.on_other(turn)
        return
    await _offer(turn, file_id, form.key, field.key)


def _who(listener: str) -> str:
    if listener == voice_queue.FACILITATOR:
        return _("your facilitator")
    return _("the Haat team")


async def _offer(turn: Turn, file_id: str, form_key: str, field_key: str) -> None:
    """"I cannot listen yet": send it on to a person, or type. The question is kept."""
    district = await stats.seller_district(turn.session, turn.seller.id)
    listener = await voice_queue.listeners(turn.session, district, turn.settings)
    if listener == voice_queue.NOBODY:
        turn.say(_("🎤 Sorry, I cannot listen to voice notes yet, and no facilitator works "
                   "with your district yet. Please type your answer."))
        await forms.resume(turn)
        return
    note_id = await voice.hold(turn.session, seller_id=turn.seller.id, file_id=file_id,
                               form_key=form_key, field_key=field_key, now=utcnow())
    turn.say(_("🎤 Sorry, I cannot listen to voice notes yet. I can send this one to {who}: "
               "they will listen and can fill in this answer for you ({question}).").format(
        who=_who(listener), question=question_name(form_key, field_key)),
        buttons=[[Button(_("📨 Send it"), NoteAction(note_id, "send").pack())],
                 [continue_button(_("⌨ I will type"))]])


async def on_note_button(turn: Turn, data: NoteAction) -> None:
    """The seller's "📨 Send it", or a staff member's button on a note."""
    if data.action != "send":
        await on_staff_note(turn, data)
        return
    row = await voice.get(turn.session, data.note)
    if row is None or turn.seller is None or row.seller_id != turn.seller.id:
        raise Gone(_("This button no longer works."))
    if not await voice.send_on(turn.session, row.id, turn.seller.id, utcnow()):
        turn.notice = _("Already sent ✓")
        return
    district = await stats.seller_district(turn.session, turn.seller.id)
    listener = await voice_queue.listeners(turn.session, district, turn.settings)
    turn.say(_("📨 Sent to {who}. When they have listened, they will enter your answer or "
               "write to you here. You can go on meanwhile.").format(who=_who(listener)),
             buttons=[[continue_button()]])

