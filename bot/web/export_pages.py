"""Exports and posters on the staff web page: the bot's files (``bot.admin.exports``, read
and built in a worker process as the bot does, after the page's transaction has closed)
and its posters (``bot.admin.printing``), as downloads. Each download is audit-logged."""

from __future__ import annotations

import logging
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from bot.admin import access, audit, exports, printing
from bot.admin.screens import district_name
from bot.db.models import utcnow
from bot.i18n import _, get_locale
from bot.runtime.offload import Offload
from bot.web import render
from bot.web.kit import Later, after_transaction, chosen_district, districts_of, file_response
from bot.workshops import words as workshop_words

log = logging.getLogger("haat.web")
# One worker process at a time for the whole process's pages, as the bot's own (exports are
# rare; two at once would only share the CPU). Its pool starts on the first export.
WORKER = Offload()
BUILDING: set[int] = set()  # staff members whose export is being built in this process


def _kinds() -> list[tuple[str, str]]:
    return [(exports.SELLERS, _("Sellers")), (exports.PRODUCTS, _("Products")),
            (exports.WORKSHOPS, _("Workshop attendance"))]


class ExportPages:
    def __init__(self, web: Any, offload: Offload | None = None):
        self.web = web
        self.offload = offload or WORKER
        self.building = BUILDING

    async def page(self, request: Request, session: Any, me: Any, form: Any) -> Response:
        district = chosen_district(request, me.role)
        coming = await printing.coming_workshops(session, me.role, district)
        return render.page(
            "exports.html", me=me, district=district, districts=districts_of(me.role),
            where=district_name(district), kinds=_kinds(),
            formats=[(exports.XLSX, _("Excel")), (exports.CSV, _("CSV"))],
            workshops=[(w["id"], workshop_words.title(w), self.web._when(w["starts_at"]))
                       for w in coming[:20]])

    async def export(self, request: Request, session: Any, me: Any, form: Any) -> Response:
        district = str(form.get("district", ""))[:40]
        kind, fmt = str(form.get("kind", "")), str(form.get("fmt", ""))
        # The bot's own check (role, district, kind, format); Gone is a 404 here.
        plan = exports.plan(me.role, kind, fmt, district, language=get_locale())
        telegram_id = me.role.telegram_id
        where = district_name(district)

        async def finish() -> Response:
            if telegram_id in self.building:
                return render.page("message.html", 429, me=me, title=_("Please wait"),
                                   text=_("Your previous export is still being prepared. "
                                          "When it has downloaded, you can ask for another "
                                          "one."))
            self.building.add(telegram_id)
            try:
                (count, files), _peak = await self.offload.run(
                    exports.build_from, *plan.job_args(self.web.settings.database_url))
            except Exception:
                log.exception("web: an export failed")
                return render.page("message.html", 500, me=me, title=_("Sorry"),
                                   text=_("Sorry, the file could not be made. Please try "
                                          "again."))
            finally:
                self.building.discard(telegram_id)
            if not count:
                return render.page("message.html", me=me, title=_("Nothing to export"),
                                   text=_("Nothing to export for {where} yet.").format(
                                       where=where))
            async with self.web.database.transaction() as later:
                await audit.record(later, telegram_id, audit.EXPORT,
                                   detail=f"{kind} {fmt} {district} ({count})")
            return file_response(files, plan.stem)

        return Later(finish, get_locale())

    async def district_poster(self, request: Request, session: Any, me: Any, form: Any
                              ) -> Response:
        district = str(form.get("district", ""))[:40]
        if district == access.ALL:
            access.require(me.role)
            return render.page("message.html", 400, me=me, title=_("Choose a district"),
                               text=_("A poster is for one district: choose it first."))
        made = await printing.for_district(session, me.role, await self.web.bot_name.get(),
                                           district)
        await audit.record(session, me.role.telegram_id, audit.POSTER,
                           detail=f"district {district}", now=utcnow())
        return file_response([(made.poster.file_name, made.poster.pdf)], "poster")

    async def workshop_poster(self, request: Request, session: Any, me: Any, form: Any
                              ) -> Response:
        workshop_id = request.path_params["workshop_id"]
        made, _workshop = await printing.for_workshop(
            session, me.role, await self.web.bot_name.get(), workshop_id)
        await audit.record(session, me.role.telegram_id, audit.POSTER,
                           detail=f"workshop {workshop_id}", now=utcnow())
        return file_response([(made.file_name, made.pdf)], "poster")


def routes(web: Any) -> list[BaseRoute]:
    pages = ExportPages(web)
    page = web.staff_page
    return [
        Route("/exports", page(pages.page), methods=["GET"]),
        Route("/exports/file", after_transaction(page(pages.export)), methods=["POST"]),
        Route("/posters/district", page(pages.district_poster), methods=["POST"]),
        Route("/posters/workshop/{workshop_id:int}", page(pages.workshop_poster),
              methods=["POST"]),
    ]
