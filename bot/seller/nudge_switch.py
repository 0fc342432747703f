"""/nudges: the seller switches the weekly nudge on or off; and the nudge's words, chosen
at send time (its outbox renderer)."""

from __future__ import annotations

from typing import Any

from bot.conversation.callbacks import callback
from bot.conversation.turn import Button, Gone, Reply, Turn
from bot.db.models import Seller, as_utc, utcnow
from bot.i18n import _
from bot.outbox.queue import Kind, Message
from bot.seller import nudges
from bot.steps import flow as steps_flow


@callback("nu")
class NudgeSwitch:
    action: str  # on | off


async def nudge_settings(turn: Turn) -> None:
    """/nudges: the seller switches the weekly nudge on or off."""
    assert turn.seller is not None
    on = await nudges.enabled(turn.session, turn.seller.id)
    if on:
        turn.say(_("🔔 Weekly reminders are on: if you have not been here for a week, I "
                   "send one short message with your next step (never between 9 pm and "
                   "8 am)."), buttons=[[Button(_("🔕 Switch off"), NudgeSwitch("off").pack())]])
    else:
        turn.say(_("🔕 Weekly reminders are off. Switch them on and, if you have not been "
                   "here for a week, I send one short message with your next step (never "
                   "between 9 pm and 8 am)."),
                 buttons=[[Button(_("🔔 Switch on"), NudgeSwitch("on").pack())]])


async def on_nudge_switch(turn: Turn, data: NudgeSwitch) -> None:
    assert turn.seller is not None
    if data.action not in ("on", "off"):
        raise Gone(_("This button no longer works."))
    await nudges.switch(turn.session, turn.seller.id, data.action == "on", now=utcnow())
    turn.notice = _("Saved ✓")
    await nudge_settings(turn)


async def render_nudge(session: Any, message: Message, seller: Seller) -> Reply | None:
    """Their next useful step, if they are still away and still want it."""
    if not await nudges.enabled(session, seller.id):
        return None
    if as_utc(seller.updated_at) > message.due_at - nudges.IDLE:
        return None  # they came back since it was planned
    view = Turn(session=session, telegram_id=seller.telegram_id, chat_id=seller.chat_id,
                seller=seller)
    step = steps_flow.next_step(steps_flow.applicable(view), await steps_flow.statuses(view))
    if step is None:
        return None  # every step done: nothing useful to nudge about
    return Reply(text=_("👋 Your next step to start selling online: {step}. It takes a few "
                        "minutes; tap below to see what to do.").format(
        step=_(step.text.title)),
        buttons=[[Button(_("➡ Open this step"), steps_flow.StepAction(
            step.key, steps_flow.VIEW).pack())],
                 [Button(_("🔕 Switch off"), NudgeSwitch("off").pack())]])


KINDS = (Kind(nudges.KIND, render_nudge),)
