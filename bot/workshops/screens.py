"""Workshops as the seller and staff see them: the workshop buttons' dispatch and the
slice's forms. The screens are by family: ``seller_screens`` (list, card, answers, the
``w_`` link), ``staff_screens`` (announce, cancel, answers, attendance), ``staff_form``
(create, edit), ``checkin`` (check-in and feedback); the outbox renderers are in
``notices``. Flow: ``screens.mmd`` beside this file.
"""

from __future__ import annotations

from bot.conversation.turn import Turn
from bot.i18n import _
from bot.workshops import workshops as store
from bot.workshops.buttons import WorkshopAction
from bot.workshops.checkin import CHECKIN, FEEDBACK, feedback_score
from bot.workshops.seller_screens import answer, send_ics, show, show_list
from bot.workshops.staff_form import FORM, start_edit, start_new
from bot.workshops.staff_screens import ask_cancel, attend, do_cancel, publish, who

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


FORMS = (FORM, CHECKIN, FEEDBACK)
