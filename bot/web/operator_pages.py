"""The operators' pages: the staff with names and districts, an invitation (a link), a
removal (asked first), testers; the bot's services (``bot.admin.team``), which refuse
anyone but an operator: a facilitator gets the page "not found" (404) and nothing changes.
The audit log is ``/staff/audit`` (``bot.web.app``)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from bot.admin import access, audit, team
from bot.admin.access import ALL
from bot.admin.screens import district_from, districts_text
from bot.i18n import _
from bot.reference import districts as reference
from bot.web import render
from bot.web.sessions import PATH

MAX_ID = 10**15


def _who(member: team.Member | team.Tester) -> str:
    return member.name or _("Telegram id {id}").format(id=member.telegram_id)


def parse_districts(text: str) -> tuple[list[str], list[str]]:
    """District codes from what an operator typed (names in English or Hindi, or codes,
    separated by commas; without commas, by spaces as in /invite), and the words not
    understood."""
    parts = text.split(",") if "," in text else text.split()
    codes, unknown = [], []
    for part in (p.strip() for p in parts):
        code = district_from([part]) if part else None
        if code and code != ALL:
            codes.append(code)
        elif part:
            unknown.append(part)
    return codes, unknown


def telegram_id_of(text: str) -> int | None:
    text = text.strip()
    if text.isascii() and text.isdigit() and 0 < int(text) < MAX_ID:
        return int(text)
    return None


class OperatorPages:
    def __init__(self, web: Any):
        self.web = web

    async def _render(self, session: Any, me: Any, *, status: int = 200,
                      notice: str | None = None, error: str | None = None,
                      invitation: team.Invitation | None = None, typed: str = "") -> Response:
        members = await team.members(session, me.role)
        testers = await team.testers(session, me.role)
        return render.page(
            "team.html", status, me=me, notice=notice, error=error, typed=typed,
            invitation=invitation,
            invited_to=districts_text(invitation.districts) if invitation else "",
            members=[(m.id, _who(m), m.telegram_id, districts_text(m.districts))
                     for m in members],
            testers=[(t.telegram_id, _who(t)) for t in testers],
            examples=", ".join(d.name_en for d in reference.districts()[:2]))

    async def page(self, request: Request, session: Any, me: Any, form: Any) -> Response:
        notice = {"removed": _("Removed ✓"),
                  "tester": _("Marked as a tester: never counted as a seller."),
                  "untester": _("No longer a tester."),
                  }.get(request.query_params.get("done", ""))
        return await self._render(session, me, notice=notice)

    async def invite(self, request: Request, session: Any, me: Any, form: Any) -> Response:
        access.require(me.role, operator=True)
        typed = str(form.get("districts", ""))[:400]
        codes, unknown = parse_districts(typed)
        if unknown or not codes:
            return await self._render(
                session, me, status=400, typed=typed,
                error=_("Please name the districts, for example: {example}").format(
                    example="Agra, Firozabad") +
                (" " + _("Not understood: {words}").format(words=", ".join(unknown))
                 if unknown else ""))
        made = await team.invite(session, me.role, codes, await self.web.bot_name.get())
        await audit.record(session, me.role.telegram_id, audit.INVITE,
                           detail=" ".join(made.districts))
        return await self._render(session, me, invitation=made)

    async def confirm_removal(self, request: Request, session: Any, me: Any, form: Any
                              ) -> Response:
        member = await team.member(session, me.role, request.path_params["staff_id"])
        return render.page("team_remove.html", me=me, staff_id=member.id, who=_who(member),
                           districts=districts_text(member.districts))

    async def remove(self, request: Request, session: Any, me: Any, form: Any) -> Response:
        removed = await team.remove(session, me.role, request.path_params["staff_id"])
        await audit.record(session, me.role.telegram_id, audit.REMOVE, detail=str(removed))
        return RedirectResponse(f"{PATH}/team?done=removed", status_code=303)

    async def tester(self, request: Request, session: Any, me: Any, form: Any) -> Response:
        access.require(me.role, operator=True)
        telegram_id = telegram_id_of(str(form.get("telegram_id", "")))
        stop = form.get("stop") == "1"
        if telegram_id is None:
            return await self._render(
                session, me, status=400,
                error=_("Please give the person's Telegram id, for example: 123456789"))
        await team.mark_tester(session, me.role, telegram_id, remove=stop)
        await audit.record(session, me.role.telegram_id,
                           audit.UNTESTER if stop else audit.TESTER, detail=str(telegram_id))
        return RedirectResponse(f"{PATH}/team?done={'untester' if stop else 'tester'}",
                                status_code=303)


def routes(web: Any) -> list[BaseRoute]:
    pages = OperatorPages(web)
    page = web.staff_page
    return [
        Route("/team", page(pages.page), methods=["GET"]),
        Route("/team/invite", page(pages.invite), methods=["POST"]),
        Route("/team/{staff_id:int}/remove", page(pages.confirm_removal), methods=["GET"]),
        Route("/team/{staff_id:int}/remove", page(pages.remove), methods=["POST"]),
        Route("/team/tester", page(pages.tester), methods=["POST"]),
    ]
