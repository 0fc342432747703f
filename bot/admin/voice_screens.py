"""The staff's side of voice: the voice notes in "who needs help" (played by file id,
with the seller, district and question), "✍ Enter for them", writing back, and /record
(which screens have a spoken explanation, which need one most, recording one)."""

from __future__ import annotations

from bot.admin import voice_queue
from bot.admin.access import ALL
from bot.admin.screens import StaffAction, StaffScreen, back_row, district_name, require
from bot.admin.staff import Role
from bot.checklists.texts import ITEM_TEXT
from bot.conversation import forms
from bot.conversation.callbacks import callback
from bot.conversation.forms import Field, Form
from bot.conversation.links import arguments
from bot.conversation.turn import Button, Gone, Turn, fit
from bot.db.models import utcnow
from bot.helpdesk import voice
from bot.helpdesk.entering import question_name
from bot.i18n import N_, _
from bot.parsing.validators import Invalid, clean_text
from bot.steps.texts import STEP_TEXTS


@callback("vn")
class NoteAction:
    note: int  # voice_notes.id
    action: str  # send (the seller's) | enter | write | done (staff)


@callback("vr")
class RecordAction:
    screen: str  # step:gst, ask:<form>:<field>
    district: str  # a district code, or "*" (all the staff member's; an operator's: all)


ENTER_FORM = "voice_enter"
RECORD_FORM = "voice_record"
HELP_REPLY_FORM = "help_reply"  # help_screens' relay form (a voice answer goes through it)
VOICE_LIST_MAX = 10  # voice notes shown at once (one message each)
ENTER_MAX = 500


async def show_waiting(turn: Turn, role: Role, district: str) -> int:
    """The voice notes under "who needs help": one message each, the note itself played
    by its file id. Returns how many there are."""
    items = await voice_queue.waiting(turn.session, role, district)
    for item in items[:VOICE_LIST_MAX]:
        caption = _("🎤 A voice note from {name} ({where}).\nAt the question: {question}").format(
            name=item.name or _("(no name yet)"), where=district_name(item.district),
            question=question_name(item.form, item.field))
        turn.say(caption, voice=item.file_id, buttons=[
            [Button(_("✍ Enter for them"), NoteAction(item.note_id, "enter").pack()),
             Button(_("💬 Write back"), NoteAction(item.note_id, "write").pack())],
            [Button(_("✅ Done"), NoteAction(item.note_id, "done").pack())]])
    if len(items) > VOICE_LIST_MAX:
        turn.say(_("…and {count} more voice notes. Mark some done to see the rest.").format(
            count=len(items) - VOICE_LIST_MAX))
    return len(items)


async def on_staff_note(turn: Turn, data: NoteAction) -> None:
    role = await require(turn)
    row = await voice_queue.note(turn.session, role, data.note)  # role, district, state
    if data.action == "done":
        await voice_queue.close(turn.session, role, row.id, utcnow())
        turn.notice = _("Marked done ✓")
        return
    if data.action == "write":
        await forms.start(turn, HELP_REPLY_FORM, context={"@seller": row.seller_id},
                          prefix=_("💬 Type your answer, or send a voice note: it goes to "
                                   "the seller as a message from their facilitator."))
        return
    if data.action != "enter":
        raise Gone(_("This button no longer works."))
    await forms.start(turn, ENTER_FORM, context={"@note": row.id},
                      prefix=_("✍ The seller's question: {question}").format(
                          question=question_name(row.form_key, row.field_key)))


async def _save_entry(turn: Turn, answers: forms.Answers) -> None:
    note_id = int(answers.get("@note") or 0)
    role = await turn.staff()
    try:
        shown = await voice_queue.enter_for(turn.session, role, note_id, answers["text"],
                                            settings=turn.settings, now=utcnow())
    except forms.Moved:
        turn.say(_("The seller is no longer at that question (they answered it or moved "
                   "on), so nothing was entered. You can write to them instead."),
                 buttons=[[Button(_("💬 Write back"), NoteAction(note_id, "write").pack())],
                          [Button(_("✅ Done"), NoteAction(note_id, "done").pack())]])
        return
    except Invalid as problem:
        turn.say(_("That answer does not fit this question, so nothing was entered:") + "\n"
                 + problem.message,
                 buttons=[[Button(_("✍ Try again"), NoteAction(note_id, "enter").pack())]])
        return
    turn.say(_("✅ Entered for the seller: {answer}. They are told what you entered and "
               "can change it.").format(answer=shown), buttons=[back_row()])


ENTER = Form(key=ENTER_FORM, title=N_("Answer for a seller"), save=_save_entry,
             confirm=False, fields=(
                 Field("text", N_("Answer"), N_("Type the answer the seller gave, as they "
                                                 "would type it."),
                       parse=lambda text, _a: clean_text(text, ENTER_MAX),
                       max_len=ENTER_MAX),))


# ---------------------------------------------------------------- recordings

def screen_title(screen: str) -> str:
    kind, _sep, rest = screen.partition(":")
    if kind == "step":
        text = STEP_TEXTS.get(rest)
        return _(text.title) if text else rest
    if kind == "check":
        return _(ITEM_TEXT[rest][0]) if rest in ITEM_TEXT else rest
    form_key, _sep, field_key = rest.partition(":")
    return question_name(form_key, field_key)


def _where(recorded: tuple[str, ...]) -> str:
    if not recorded:
        return _("no recording")
    return ", ".join(_("all districts") if code == voice.EVERYWHERE else district_name(code)
                     for code in recorded)


async def recordings(turn: Turn, role: Role, district: str) -> None:
    """Which screens have a spoken explanation, the most needed first."""
    needs = await voice_queue.needs(turn.session, role, district)
    lines = [_("🎙 Spoken explanations for {where}. Most needed first (how many sellers "
               "asked for help there):").format(where=district_name(district)), ""]
    buttons = []
    for need in needs:
        mark = "🔊" if need.recorded else "◻"
        lines.append(f"{mark} {screen_title(need.screen)} · 🙋 {need.asked} · "
                     f"{_where(need.recorded)}")
        title = screen_title(need.screen)  # a question's "Form › Field": the field if long
        buttons.append(Button(fit("🎙 " + title, "🎙 " + title.rpartition(" › ")[2]),
                              RecordAction(need.screen, district).pack()))
    rows = [buttons[i:i + 2] for i in range(0, len(buttons), 2)]
    turn.say("\n".join(lines), buttons=[*rows, back_row()])


async def on_record_button(turn: Turn, data: RecordAction) -> None:
    await require(turn, data.district)
    if not voice_queue.screen_known(data.screen):
        raise Gone(_("This button no longer works."))
    where = (_("every district") if data.district == ALL and (await turn.staff()).operator
             else district_name(data.district))
    turn.say(_("🎙 Send a short voice note now (a minute or less) explaining: {screen}. "
               "Sellers in {where} will hear it when they press “🔊 Listen”.").format(
        screen=screen_title(data.screen), where=where))
    await forms.start(turn, RECORD_FORM,
                      context={"@screen": data.screen, "@district": data.district})


def _only_voice(_text: str, _answers: forms.Answers) -> str:
    raise Invalid(_("Please send a voice note (hold the microphone button), or press "
                    "“✖ Cancel”."))


async def _never_saved(turn: Turn, answers: forms.Answers) -> None:
    """The voice note arrives through ``save_recording``; typed text never gets here."""


RECORD = Form(key=RECORD_FORM, title=N_("Recording an explanation"), save=_never_saved,
              confirm=False, fields=(
                  Field("voice", N_("Voice note"), N_("Send your voice note."),
                        parse=_only_voice),))


async def save_recording(turn: Turn, file_id: str) -> None:
    state = forms.state_of(turn) or {}
    answers = state.get("answers") or {}
    screen, district = str(answers.get("@screen", "")), str(answers.get("@district", ""))
    forms.discard(turn)
    await voice_queue.record(turn.session, await turn.staff(), screen, district, file_id,
                             now=utcnow())
    turn.say(_("✅ Saved. Sellers will now see “🔊 Listen” on: {screen}.").format(
        screen=screen_title(screen)), buttons=[
        [Button(_("🎙 Recordings"), StaffAction("record", district).pack())], back_row()])


@arguments("record")
class RecordArgs:
    rest: str  # a district (its code, or its name in English or Hindi), or "all"


RECORDINGS = StaffScreen("record", N_("🎙 Recordings"), recordings, command="record",
                         description=N_("Staff: spoken explanations for sellers"),
                         args=RecordArgs, question=N_("Recordings for which district?"))
FORMS = (ENTER, RECORD)
