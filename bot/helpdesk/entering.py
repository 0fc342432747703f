"""Entering an answer for a seller: the one way an answer reaches a seller's form from
someone other than her (a facilitator who heard her voice note today; a transcript she
confirms later). Through the field's own parser, as if she had typed it: her form moves
on, the entry is recorded with its source and author, and she is told what was entered
with a button to change it (an outbox row keyed ``ve:<entry>``, words at send time).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.conversation import forms
from bot.conversation.callbacks import callback
from bot.conversation.navigation import continue_button
from bot.conversation.turn import Button, Gone, Reply, Turn
from bot.db import sellers
from bot.db.models import Seller
from bot.helpdesk import voice
from bot.i18n import _
from bot.outbox import queue
from bot.outbox.queue import Kind, Message
from bot.settings import Settings

ENTERED = "voice.entered"  # outbox kind: "your facilitator entered … for you"


@callback("ve")
class EntryAction:
    entry: int  # entered_answers.id
    action: str  # change


async def enter_answer(session: Any, *, seller_id: int, form_key: str, field_key: str,
                       text: str, source: str, by: int | None, note_id: int | None,
                       settings: Settings, now: datetime) -> str:
    """Enter ``text`` as the seller's answer to ``form_key``/``field_key``, which her form
    must still be waiting at. Returns the answer as her summary card shows it; raises
    ``forms.Moved`` (she answered or left) or ``Invalid`` (the parser's reason)."""
    found = await sellers.by_id(session, seller_id)
    loaded = found and await sellers.load(session, found.telegram_id,
                                          lock=session.dialect.name == "postgresql")
    if not loaded:
        raise Gone(_("This seller's data has been deleted."))
    seller, stored = loaded
    state = seller.form_state or {}
    if state.get("form") != form_key or state.get("field") != field_key:
        raise forms.Moved(field_key)
    hers = Turn(session=session, telegram_id=seller.telegram_id, chat_id=seller.chat_id,
                seller=seller, settings=settings)
    shown = await forms.enter(hers, field_key, text)
    await sellers.save(session, seller, stored)
    entry_id = await voice.record_entry(
        session, seller_id=seller.id, form_key=form_key, field_key=field_key, text=text,
        source=source, entered_by=by, voice_note_id=note_id, now=now)
    await queue.enqueue(session, kind=ENTERED, key=f"ve:{entry_id}", seller_id=seller.id,
                        due_at=now, payload={"entry": entry_id}, now=now)
    return shown


def question_name(form_key: str | None, field_key: str | None) -> str:
    """"Add a product › Price", in the current language ("—" if the form is gone)."""
    form = forms.get_form(form_key or "")
    field = form.field(field_key or "") if form is not None else None
    if form is None:
        return "—"
    return _(form.title) + (f" › {_(field.label)}" if field is not None else "")


async def render_entered(session: Any, message: Message, seller: Seller) -> Reply | None:
    row = await voice.entry(session, int(message.payload.get("entry", 0)))
    if row is None:
        return None
    return Reply(text=_("✍ Your facilitator entered your answer for you:\n{question}: "
                        "{answer}\n\nIf it is not right, press “✏️ Change it”.").format(
        question=question_name(row.form_key, row.field_key), answer=row.text),
        buttons=[[Button(_("✏️ Change it"), EntryAction(row.id, "change").pack()),
                  continue_button()]])


async def on_entry_button(turn: Turn, data: EntryAction) -> None:
    """Her "✏️ Change it": that question again, if her form still has it."""
    row = await voice.entry(turn.session, data.entry)
    if row is None or turn.seller is None or row.seller_id != turn.seller.id:
        raise Gone(_("This button no longer works."))
    if not await forms.reopen(turn, row.form_key, row.field_key):
        turn.say(_("That answer is already saved. You can change it from the summary or "
                   "your product card."))
        await forms.resume(turn)


KINDS = (Kind(ENTERED, render_entered),)
