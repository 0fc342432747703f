"""The staff pages' routes, mounted under ``/staff`` on the bot's own ASGI app
(``bot/runtime/serve.py``) or served alone (``seller-bot web``).

Every request: the signed cookie names the staff member; their role is asked of the database
again (``staff.role``: a removed facilitator's next click ends the session); the page speaks
their language; a POST carries the session's CSRF token or is refused; a service's ``Gone``
(not theirs, deleted) is a 404 and nothing is written (the transaction rolls back). What
staff change is written to the audit log (``bot.admin.audit``).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode
from zoneinfo import ZoneInfo

from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route

from bot.admin import access, audit, directory, help_queue, progress, staff, stats, web_login
from bot.admin.progress_screens import STAGE_TEXT
from bot.admin.staff import Role
from bot.conversation.turn import Gone
from bot.db.engine import Database
from bot.db.models import as_utc, utcnow
from bot.files.pdf import font_path
from bot.i18n import _, get_locale, use_locale
from bot.reference import districts as reference
from bot.settings import Settings
from bot.steps import flow as steps
from bot.web import (
    broadcast_pages,
    english_pages,
    export_pages,
    operator_pages,
    render,
    workshop_calendar,
    workshop_pages,
)
from bot.web.botname import BotName
from bot.web.sessions import PATH, Sessions, csrf_ok, secret_from_token
from bot.workshops import services as workshop_services
from bot.workshops import workshops as workshop_store
from bot.workshops.words import title as workshop_title

log = logging.getLogger("haat.web")

MAX_MESSAGE = 2000  # characters of a message to a seller


@dataclass
class Me:
    role: Role
    data: dict[str, Any]  # the session
    name: str | None
    ended: bool = False  # signed out: the cookie goes

    @property
    def csrf(self) -> str:
        return self.data["csrf"]


class _Refused(Exception):
    """A POST without its CSRF token."""


Form = dict[str, str]
Page = Callable[[Request, Any, Me, Form | None], Awaitable[Response]]
MAX_FORM = 32_000  # bytes of a posted form


async def _form(request: Request) -> Form:
    """A plain HTML form's fields (the first value of each); a body too large, or of
    another kind, gives no fields (and so no CSRF token: refused)."""
    if not request.headers.get("content-type", "").startswith(
            "application/x-www-form-urlencoded"):
        return {}
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM:
            return {}
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True,
                          max_num_fields=60)
    except (UnicodeDecodeError, ValueError):
        return {}
    form: Form = {}
    for key, value in pairs:
        form.setdefault(key, value)
    return form


def _district_name(code: str | None) -> str:
    district = reference.district(code or "") if code else None
    return district.name(get_locale()) if district else (code or "—")


def _districts_of(role: Role) -> list[tuple[str, str]]:
    return [(code, _district_name(code)) for code in staff.known_districts(list(role.districts))]


def _stages() -> list[tuple[str, str]]:
    return [(code, _(STAGE_TEXT[code])) for code in stats.STAGES]


class Web:
    def __init__(self, database: Database, settings: Settings, secret: str):
        self.database = database
        self.settings = settings
        secure = (settings.web_url or "").startswith("https://")
        self.sessions = Sessions(secret, secure=secure)

    def _when(self, moment) -> str:
        """A moment in the programme's time zone (``TZ``), as staff read a clock."""
        if not moment:
            return ""
        return as_utc(moment).astimezone(ZoneInfo(self.settings.tz)).strftime(
            "%d.%m.%Y %H:%M")

    # ------------------------------------------------------------ plumbing

    def staff_page(self, handler: Page) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            data = self.sessions.read(request)
            if data is None:
                return self._signed_out(request, 401)
            form = await _form(request) if request.method == "POST" else None
            with use_locale(data["lang"]):
                try:
                    async with self.database.transaction() as session:
                        role = await staff.role(session, data["tid"],
                                                data["tid"] in self.settings.admin_ids)
                        me = None
                        if role is None:  # removed since: the session ends here
                            response = None
                        else:
                            if form is not None and not csrf_ok(data, form.get("csrf")):
                                raise _Refused()
                            me = Me(role, data, await staff.name_of(session, data["tid"]))
                            response = await handler(request, session, me, form)
                except _Refused:
                    return render.page("message.html", 403, me=None,
                                       title=_("This form has expired"),
                                       text=_("Open the page again and repeat what you did."))
                except Gone as gone:
                    return render.page("message.html", 404, me=None, title=_("Not found"),
                                       text=gone.message)
                if response is None:
                    response = self._signed_out(request, 403)
                    self.sessions.clear(response)
                    return response
            if me.ended:
                self.sessions.clear(response)
            else:
                self.sessions.write(response, data)  # idle time starts again
            return response

        return endpoint

    def _signed_out(self, request: Request, status: int) -> Response:
        return render.page("message.html", status, me=None, title=_("Please sign in"),
                           text=_("Type /web in the bot: it sends you a link to sign in."))

    # ------------------------------------------------------------ login and logout

    async def login_form(self, request: Request) -> Response:
        # A GET never uses the link up (link previews fetch it too): its button POSTs.
        csrf = self.sessions.new_login_csrf()
        response = render.page("login.html", me=None,
                               token=request.path_params["token"][:100], csrf=csrf)
        self.sessions.set_login_csrf(response, csrf)
        return response

    async def login(self, request: Request) -> Response:
        form = await _form(request)
        token, given = str(form.get("token", ""))[:100], str(form.get("csrf", ""))
        if not self.sessions.login_csrf_ok(request, given):
            return render.page("message.html", 403, me=None,
                               title=_("This form has expired"),
                               text=_("Open the link from the bot again."))
        async with self.database.transaction() as session:
            result, telegram_id, language = await web_login.use(session, token)
            role = None
            if result == web_login.ACCEPTED:
                role = await staff.role(session, telegram_id,
                                        telegram_id in self.settings.admin_ids)
                if role is not None:
                    await audit.record(session, telegram_id, audit.LOGIN)
        with use_locale(language):
            if result != web_login.ACCEPTED or role is None:
                text = {web_login.USED: _("This link was used already. Type /web in the bot "
                                          "for a new one."),
                        web_login.EXPIRED: _("This link has expired (it works for 10 "
                                             "minutes). Type /web in the bot for a new one.")
                        }.get(result, _("This link does not work. Type /web in the bot for "
                                        "a new one."))
                return render.page("message.html", 403, me=None,
                                   title=_("Could not sign in"), text=text)
            response = RedirectResponse(f"{PATH}/", status_code=303)
            self.sessions.write(response, self.sessions.new(telegram_id, language))
            self.sessions.clear_login_csrf(response)
            return response

    async def logout(self, request: Request, session: Any, me: Me,
                     form: Form | None) -> Response:
        await audit.record(session, me.role.telegram_id, audit.LOGOUT)
        me.ended = True
        return render.page("message.html", me=None, title=_("Signed out"),
                           text=_("Type /web in the bot to sign in again."))

    # ------------------------------------------------------------ pages

    async def overview(self, request: Request, session: Any, me: Me,
                       form: Form | None) -> Response:
        district = request.query_params.get("district") or access.ALL
        funnel = await progress.progress(session, me.role, district)
        waiting = await help_queue.count_waiting(session, me.role, district)
        now = utcnow()
        coming = [w for w in await workshop_services.listed(session, me.role, since=now)
                  if w["status"] != workshop_store.CANCELLED][:10]
        return render.page(
            "overview.html", me=me, district=district, districts=_districts_of(me.role),
            funnel=[(_(STAGE_TEXT[c.stage]), c) for c in funnel.total],
            waiting=waiting,
            workshops=[(w["id"], workshop_title(w), self._when(w["starts_at"])) for w in coming])

    async def sellers(self, request: Request, session: Any, me: Me,
                      form: Form | None) -> Response:
        q = request.query_params
        stage = q.get("stage") or None
        page_text = q.get("page", "1")
        filters = directory.Filters(
            text=q.get("q", ""), district=q.get("district") or access.ALL,
            stage=stage if stage in stats.STAGES else None,
            needs_help=q.get("help") == "1",
            page=int(page_text) if page_text.isascii() and page_text.isdigit() and
            0 < int(page_text) < 100_000 else 1, **workshop_pages.answered_filter(q))
        found = await directory.search(session, me.role, filters)
        base = {"q": filters.text, "district": filters.district, "stage": filters.stage or "",
                "help": "1" if filters.needs_help else "",
                "workshop": filters.workshop or "", "answer": filters.answer or ""}
        return render.page(
            "sellers.html", me=me, filters=filters, page=found, stages=_stages(),
            stage_names=dict(_stages()), districts=_districts_of(me.role),
            district_name=_district_name,
            **await workshop_pages.answered_choices(session, me.role),
            previous=urlencode({**base, "page": filters.page - 1}),
            next=urlencode({**base, "page": filters.page + 1}))

    async def seller(self, request: Request, session: Any, me: Me,
                     form: Form | None) -> Response:
        view = await directory.seller(session, me.role, request.path_params["seller_id"])
        return render.page(
            "seller.html", me=me, view=view, district=_district_name(view.district),
            steps=[(_(step.text.title), status) for step, status in view.steps],
            done=steps.DONE, help=steps.HELP, when=self._when,
            notice={"written": _("Your message is on its way to the seller."),
                    "resolved": _("Marked resolved.")}.get(request.query_params.get("done", "")))

    async def write(self, request: Request, session: Any, me: Me,
                    form: Form | None) -> Response:
        seller_id = request.path_params["seller_id"]
        text = str(form.get("text", "")).strip()[:MAX_MESSAGE]
        if not text:
            await help_queue.seller_district(session, me.role, seller_id)  # 404 first
            return RedirectResponse(f"{PATH}/sellers/{seller_id}", status_code=303)
        await help_queue.write(session, me.role, seller_id, text, now=utcnow())
        await audit.record(session, me.role.telegram_id, audit.WRITE, seller_id=seller_id)
        return RedirectResponse(f"{PATH}/sellers/{seller_id}?done=written", status_code=303)

    async def resolve(self, request: Request, session: Any, me: Me,
                      form: Form | None) -> Response:
        seller_id = request.path_params["seller_id"]
        await help_queue.resolve(session, me.role, seller_id)
        await audit.record(session, me.role.telegram_id, audit.RESOLVE, seller_id=seller_id)
        return RedirectResponse(f"{PATH}/sellers/{seller_id}?done=resolved", status_code=303)

    async def audit_log(self, request: Request, session: Any, me: Me,
                        form: Form | None) -> Response:
        rows = await audit.recent(session, me.role)
        names = {r.telegram_id: None for r in rows}
        for telegram_id in names:
            names[telegram_id] = await staff.name_of(session, telegram_id)
        actions = {audit.LOGIN: _("signed in"), audit.LOGOUT: _("signed out"),
                   audit.WRITE: _("wrote to a seller"), audit.RESOLVE: _("marked resolved"),
                   **{code: _(words) for code, words in audit.WORDS.items()}}
        return render.page("audit.html", me=me, rows=[
            (self._when(r.at), names[r.telegram_id] or str(r.telegram_id),
             actions.get(r.action, r.action) + (f" · {r.detail}" if r.detail else ""),
             r.seller_id) for r in rows])

    async def font(self, _request: Request) -> Response:
        return FileResponse(font_path(), media_type="font/ttf",
                            headers={"Cache-Control": "public, max-age=604800"})


def routes(database: Database, settings: Settings, secret: str | None = None,
           username: str | None = None) -> list[BaseRoute]:
    """The staff pages under ``/staff``; ``secret`` signs the cookies (by default derived
    from the bot token); ``username``: the bot's (by default asked of Telegram)."""
    if secret is None:
        if not settings.token:
            raise ValueError("the staff web page needs TELEGRAM_BOT_TOKEN (it keys the "
                             "session cookies)")
        secret = secret_from_token(settings.token)
    web = Web(database, settings, secret)
    web.bot_name = BotName(settings, username)
    page = web.staff_page
    return [Mount(PATH, routes=[
        Route("/", page(web.overview), methods=["GET"]),
        Route("/login/{token}", web.login_form, methods=["GET"]),
        Route("/login", web.login, methods=["POST"]),
        Route("/logout", page(web.logout), methods=["POST"]),
        Route("/sellers", page(web.sellers), methods=["GET"]),
        Route("/sellers/{seller_id:int}", page(web.seller), methods=["GET"]),
        Route("/sellers/{seller_id:int}/write", page(web.write), methods=["POST"]),
        Route("/sellers/{seller_id:int}/resolve", page(web.resolve), methods=["POST"]),
        Route("/audit", page(web.audit_log), methods=["GET"]),
        Route("/static/hind.ttf", web.font, methods=["GET"]),
        *export_pages.routes(web),
        *english_pages.routes(web),
        *operator_pages.routes(web),
        *workshop_calendar.routes(web), *workshop_pages.routes(web),
        *broadcast_pages.routes(web),
    ])]

