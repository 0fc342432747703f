"""``/web``: a one-time link to the staff web page (``bot/web/``), for staff only."""

from __future__ import annotations

from bot.admin import access, web_login
from bot.conversation.turn import Turn
from bot.i18n import _

LOGIN_PATH = "/staff/login/"


async def link(turn: Turn) -> None:
    role = access.require(await turn.staff())
    if not turn.settings.web_url:
        turn.say(_("The staff web page is not switched on here (the operator sets WEB_URL)."))
        return
    token = await web_login.create(turn.session, role, turn.locale)
    turn.say(_("Your link to the staff web page. It works once, for 10 minutes, and only "
               "for you: do not forward it.\n{url}").format(
        url=f"{turn.settings.web_url}{LOGIN_PATH}{token}"))
