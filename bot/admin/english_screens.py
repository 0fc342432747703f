"""/english: the "English needed" queue. Sellers' lines the bot could not put into
English, for the facilitators of their districts: the Hindi line, the product, the seller;
the facilitator types the English, the draft takes it, the seller is told.

Services first (access checked inside, on every press: button data names a request, and
the request's district is checked against the presser's role now), then the screen.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from bot.admin import access, glossary_screens
from bot.admin.screens import StaffScreen, back_row, district_name, require
from bot.admin.staff import Role
from bot.conversation import forms
from bot.conversation.callbacks import callback
from bot.conversation.forms import Field, Form
from bot.conversation.links import arguments
from bot.conversation.turn import Button, Gone, Turn
from bot.db.models import utcnow
from bot.i18n import N_, _
from bot.listing import english_needed, products
from bot.parsing.validators import Invalid, clean_text

ENGLISH_MAX = 300
_DEVANAGARI = re.compile("[\u0900-\u097f]")

# ------------------------------------------------------------------------- services


async def waiting(session: Any, role: Role | None, district: str
                  ) -> list[english_needed.Waiting]:
    role = access.require(role, district)
    return await english_needed.waiting(session, access.scope(role, district))


async def count(session: Any, role: Role | None) -> int:
    """Open lines in all the staff member's districts (for the menu and /needhelp)."""
    role = access.require(role)
    return await english_needed.count(session, sorted(role.districts))


async def request(session: Any, role: Role | None, request_id: int) -> Any:
    """An open request of one of the staff member's districts, or ``Gone``."""
    role = access.require(role)
    row = await english_needed.get(session, request_id)
    if row is None:
        raise Gone(_("This line is no longer waiting (the seller changed or deleted it)."))
    if not row.district_code or not role.can_see(row.district_code):
        raise Gone(_("That district is not one of yours, so I cannot show it."))
    if row.status != english_needed.OPEN:
        raise Gone(_("This line already has its English."))
    return row


def clean_english(text: str) -> str:
    """The English as typed, tidied; ``Invalid`` (with the words) if empty, too long or
    not in English letters."""
    english = clean_text(text, ENGLISH_MAX)
    if _DEVANAGARI.search(english):
        raise Invalid(_("Please type it in English letters (A to Z)."))
    return english


async def answer(session: Any, role: Role | None, request_id: int, english: str, *,
                 now: datetime) -> Any:
    """The facilitator's English goes into the product and the seller is told; returns
    the request as it was (its seller, product and line)."""
    row = await request(session, role, request_id)
    if not await english_needed.answer(session, row.id, english, by=role.telegram_id,
                                       now=now):
        raise Gone(_("This line already has its English."))
    await products.set_given(session, row.seller_id, row.product_id, row.line, english)
    return row


# -------------------------------------------------------------------------- screens


@callback("en")
class EnglishAction:
    request: int  # english_requests.id


@arguments("english")
class EnglishArgs:
    rest: str  # a district, or "all"


LIST_MAX = 10


async def show_waiting(turn: Turn, role: Role, district: str) -> None:
    items = await waiting(turn.session, role, district)
    where = district_name(district)
    if not items:
        turn.say(_("✍ No lines wait for English in {where}.").format(where=where),
                 buttons=[back_row()])
        return
    lines = [_("✍ English needed in {where}: {count}").format(where=where, count=len(items))]
    buttons = []
    for number, item in enumerate(items[:LIST_MAX], 1):
        name = item.seller_name or _("(no name yet)")
        lines.append(f"\n{number}. {item.line}\n   {name} · {item.product_name}")
        buttons.append([Button(_("✍ English for {number}").format(number=number),
                               EnglishAction(item.id).pack())])
    turn.say("\n".join(lines), buttons=[*buttons, back_row()])


async def on_button(turn: Turn, data: EnglishAction) -> None:
    row = await request(turn.session, await require(turn), data.request)
    # A staff member without a seller row gets a chat row for the form (forms.start).
    await forms.start(turn, ENGLISH_FORM.key, context={"@request": row.id, "@line": row.line})


def parse_english(text: str, _answers: forms.Answers) -> str:
    return clean_english(text)


async def _save(turn: Turn, answers: forms.Answers) -> None:
    request_id = int(answers.get("@request") or 0)
    await answer(turn.session, await turn.staff(), request_id, answers["text"], now=utcnow())
    turn.say(_("✅ Saved. The drafts use it, and the seller has been told."))
    await glossary_screens.offer(turn, request_id)


async def say_count(turn: Turn, role: Role) -> None:
    """One line for the staff menu and /needhelp, when lines are waiting."""
    waiting_lines = await count(turn.session, role)
    if waiting_lines:
        turn.say(_("✍ Lines waiting for English: {count}. /english").format(
            count=waiting_lines))


ENGLISH_FORM = Form(key="english_line", title=N_("A line in English"), save=_save,
                    confirm=False, fields=(
                        Field("text", N_("English"),
                              N_("Type this line in English, as it should appear in the "
                                 "listing:\n\n{line}"),
                              question_args=lambda answers: {"line": answers.get("@line", "")},
                              parse=parse_english, max_len=ENGLISH_MAX),))

ENGLISH = StaffScreen("english", N_("✍ English needed"), show_waiting, command="english",
                      description=N_("Staff: seller lines that need English"),
                      args=EnglishArgs, question=N_("Lines of which district?"))
