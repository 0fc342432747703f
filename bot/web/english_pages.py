""""English needed" on the staff web page: the lines of the staff member's districts the
bot could not put into English, each with a box for the English. The bot's own services
(``bot.admin.english_screens``): the same check of the typed English, the same district
rule, the draft takes it and the seller is told through the outbox, in their language."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from bot.admin import audit, english_screens
from bot.admin.access import ALL
from bot.admin.screens import district_name
from bot.db.models import utcnow
from bot.i18n import _
from bot.parsing.validators import Invalid
from bot.web import render
from bot.web.kit import chosen_district, districts_of
from bot.web.sessions import PATH


class EnglishPages:
    def __init__(self, web: Any):
        self.web = web

    async def _render(self, session: Any, me: Any, district: str, *, status: int = 200,
                      notice: str | None = None, error: tuple[int, str, str] | None = None
                      ) -> Response:
        items = await english_screens.waiting(session, me.role, district)
        fields = {"features": _("Feature"), "care": _("Care"), "story": _("Story")}
        return render.page(
            "english.html", status, me=me, district=district, districts=districts_of(me.role),
            where=district_name(district), items=items, fields=fields, notice=notice,
            error=error, most=english_screens.ENGLISH_MAX)

    async def page(self, request: Request, session: Any, me: Any, form: Any) -> Response:
        notice = (_("✅ Saved. The drafts use it, and the seller has been told.")
                  if request.query_params.get("done") == "1" else None)
        return await self._render(session, me, chosen_district(request, me.role),
                                  notice=notice)

    async def answer(self, request: Request, session: Any, me: Any, form: Any) -> Response:
        request_id = request.path_params["request_id"]
        district = str(form.get("district", "")) or ALL
        typed = str(form.get("english", ""))
        row = await english_screens.request(session, me.role, request_id)  # 404 first
        try:
            english = english_screens.clean_english(typed)
        except Invalid as invalid:
            return await self._render(session, me, district, status=400,
                                      error=(row.id, invalid.message, typed[:600]))
        await english_screens.answer(session, me.role, request_id, english, now=utcnow())
        await audit.record(session, me.role.telegram_id, audit.ENGLISH,
                           seller_id=row.seller_id, detail=english)
        return RedirectResponse(f"{PATH}/english?" + urlencode({"district": district,
                                                                "done": "1"}),
                                status_code=303)


def routes(web: Any) -> list[BaseRoute]:
    pages = EnglishPages(web)
    return [
        Route("/english", web.staff_page(pages.page), methods=["GET"]),
        Route("/english/{request_id:int}", web.staff_page(pages.answer), methods=["POST"]),
    ]
