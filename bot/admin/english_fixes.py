"""/botenglish: the bot's own English of sellers' lines, for a facilitator to check. Where
the bot put a Hindi feature, care or story line into English by pattern
(``reference/lines.py``) or word by word, a facilitator of the district sees the line and
the bot's English and may correct it: her English replaces the bot's in the drafts, the
seller is told in her language what changed, and a word of the line may be kept for the
district's glossary (``glossary_screens``).

Services first (access checked inside, on every press: button data names a product and a
line's place, both read again now), then the screen.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.admin import access, glossary_screens
from bot.admin.english_screens import ENGLISH_MAX, parse_english
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
from bot.listing.english_needed import Rendered

# ------------------------------------------------------------------------- services


async def to_check(session: Any, role: Role | None, district: str) -> list[Rendered]:
    """Lines the bot put into English in these districts, newest products first."""
    role = access.require(role, district)
    return await english_needed.rendered(session, access.scope(role, district))


async def line(session: Any, role: Role | None, product_id: int, field: str,
               number: int) -> Rendered:
    """One line the bot rendered, of one of the staff member's districts, or ``Gone``."""
    role = access.require(role)
    found = await english_needed.rendered_line(session, product_id, field, number)
    if found is None:
        raise Gone(_("This line has changed, or has been corrected already."))
    if not role.can_see(found.district_code):
        raise Gone(_("That district is not one of yours, so I cannot show it."))
    return found


async def correct(session: Any, role: Role | None, product_id: int, field: str,
                  number: int, english: str, *, expected: str, now: datetime) -> int:
    """The facilitator's English replaces the bot's; the seller is told. ``expected``: the
    line as the facilitator saw it (a line the seller changed meanwhile is not touched).
    Returns the request's id (for keeping a word in the glossary)."""
    found = await line(session, role, product_id, field, number)
    if found.line != expected:
        raise Gone(_("This line has changed, or has been corrected already."))
    assert role is not None
    request_id = await english_needed.correct(session, found, english, by=role.telegram_id,
                                              now=now)
    await products.set_given(session, found.seller_id, found.product_id, found.line, english)
    return request_id


# -------------------------------------------------------------------------- screens


@callback("ef")
class FixAction:
    product: int
    field: str  # features | care | story
    number: int  # the line's place in the field, from 1


@arguments("botenglish")
class BotEnglishArgs:
    rest: str  # a district, or "all"


LIST_MAX = 10


async def show_rendered(turn: Turn, role: Role, district: str) -> None:
    items = (await to_check(turn.session, role, district))[:LIST_MAX]
    where = district_name(district)
    if not items:
        turn.say(_("🔎 No lines the bot put into English in {where}.").format(where=where),
                 buttons=[back_row()])
        return
    lines = [_("🔎 The bot's English in {where}. Correct what is wrong:").format(where=where)]
    buttons = []
    for number, item in enumerate(items, 1):
        name = item.seller_name or _("(no name yet)")
        lines.append(f"\n{number}. {item.line}\n   → {item.english}\n"
                     f"   {name} · {item.product_name}")
        buttons.append(Button(_("✏ Correct {number}").format(number=number),
                              FixAction(item.product_id, item.field, item.number).pack()))
    rows = [buttons[i:i + 2] for i in range(0, len(buttons), 2)]
    turn.say("\n".join(lines), buttons=[*rows, back_row()])


async def on_button(turn: Turn, data: FixAction) -> None:
    found = await line(turn.session, await require(turn), data.product, data.field,
                       data.number)
    await forms.start(turn, FIX_FORM.key, context={
        "@product": found.product_id, "@field": found.field, "@number": found.number,
        "@line": found.line, "@bot": found.english})


async def _save(turn: Turn, answers: forms.Answers) -> None:
    request_id = await correct(
        turn.session, await turn.staff(), int(answers.get("@product") or 0),
        str(answers.get("@field") or ""), int(answers.get("@number") or 0), answers["text"],
        expected=str(answers.get("@line") or ""), now=utcnow())
    turn.say(_("✅ Saved. The drafts use your English, and the seller has been told what "
               "changed."))
    await glossary_screens.offer(turn, request_id)


FIX_FORM = Form(key="english_fix", title=N_("The bot's English, corrected"), save=_save,
                confirm=False, fields=(
                    Field("text", N_("English"),
                          N_("The seller's line and the bot's English:\n\n{line}\n→ {english}"
                             "\n\nType the right English, as it should appear in the "
                             "listing:"),
                          question_args=lambda answers: {"line": answers.get("@line", ""),
                                                         "english": answers.get("@bot", "")},
                          parse=parse_english, max_len=ENGLISH_MAX),))

BOT_ENGLISH = StaffScreen("botenglish", N_("🔎 Bot's English"), show_rendered,
                          command="botenglish",
                          description=N_("Staff: check the bot's English of seller lines"),
                          args=BotEnglishArgs, question=N_("Lines of which district?"))
