"""Check-in (``/checkin``, typed code, or ``start=checkin_<code>``) and the feedback after a
workshop (a score button, then an optional comment)."""

from __future__ import annotations

from bot.conversation import forms
from bot.conversation.forms import Answers, Field, Form
from bot.conversation.links import CheckinLink, arguments
from bot.conversation.navigation import menu_button
from bot.conversation.turn import Gone, Reply, Turn
from bot.db.models import utcnow
from bot.i18n import N_, _
from bot.parsing.validators import whole_number
from bot.workshops import services
from bot.workshops import workshops as store
from bot.workshops.staff_form import text_answer
from bot.workshops.words import title

CHECKIN_FORM = "checkin"
FEEDBACK_FORM = "wfeedback"
UNKNOWN_CODE = N_("I do not know that check-in code. Please check it with the facilitator.")


@arguments("checkin")
class CheckinArgs:
    """``/checkin CODE``; without a code, a one-question form asks for it."""

    code: str


async def start_checkin(turn: Turn, args: CheckinArgs) -> None:
    if args.code:
        await check_in(turn, args.code)
        return
    await forms.start(turn, CHECKIN_FORM)


async def from_link(turn: Turn, link: CheckinLink | None) -> None:
    """``t.me/<bot>?start=checkin_<code>``: the code from the facilitator's QR or link; None
    is a code cut short or mistyped (letters a link never holds)."""
    if link is None:
        turn.say(_(UNKNOWN_CODE))
        return
    await check_in(turn, link.code)


async def check_in(turn: Turn, code: str) -> None:
    checked = await services.check_in(turn.session, turn.seller, code, staff=turn.staff,
                                      now=utcnow())
    if checked is None:
        turn.say(_(UNKNOWN_CODE))
        return
    turn.say({
        "ok": _("✔ You are checked in at “{title}”. Welcome! After the workshop I will ask "
                "how it was."),
        "again": _("You are already checked in at “{title}”."),
        "early": _("Check-in for “{title}” opens two hours before the start."),
        "over": _("“{title}” is over; check-in is closed."),
        "cancelled": _("“{title}” was cancelled."),
    }[checked.result].format(title=title(checked.workshop)), buttons=[[menu_button()]])


async def _save_checkin(turn: Turn, answers: Answers) -> None:
    await check_in(turn, answers["code"])


async def feedback_score(turn: Turn, workshop_id: int, score: str) -> None:
    value = whole_number(score)  # crafted data may hold "²", which isdigit() accepts
    if value is None or not 1 <= value <= 5:
        raise Gone(_("This button no longer works."))
    saved = await store.save_feedback(turn.session, workshop_id, turn.seller.id, score=value)
    if not saved:
        turn.notice = _("Feedback is only for people who attended.")
        return
    turn.notice = _("Thank you!")
    turn.replies.append(Reply(text=_("Thank you! You gave {score} of 5.").format(score=score),
                              edit=True))
    await forms.start(turn, FEEDBACK_FORM, context={"@workshop": workshop_id})


async def _save_feedback(turn: Turn, answers: Answers) -> None:
    if answers.get("comment"):
        await store.save_feedback(turn.session, int(answers["@workshop"]), turn.seller.id,
                                  comment=answers["comment"])
        turn.say(_("Thank you, your comment goes to the organisers."),
                 buttons=[[menu_button()]])
    else:
        turn.say(_("Thank you."), buttons=[[menu_button()]])


CHECKIN = Form(
    key=CHECKIN_FORM,
    title=N_("Check-in"),
    fields=(Field("code", N_("Code"), N_("Type the check-in code the facilitator shows."),
                  hint=N_("For example: K7P3QX"), parse=text_answer(16, 4), max_len=16),),
    save=_save_checkin,
    confirm=False,
)

FEEDBACK = Form(
    key=FEEDBACK_FORM,
    title=N_("Workshop feedback"),
    fields=(Field("comment", N_("Comment"), N_("Anything you want to tell the organisers? "
                  "Type it, or skip."), parse=text_answer(500), optional=True, max_len=500),),
    save=_save_feedback,
    confirm=False,
)

