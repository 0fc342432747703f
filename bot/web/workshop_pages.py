"""The workshop pages: the list a staff member sees, a workshop's page (details, answers by
district and by name, ratings and comments), create and edit (the bot's own form,
``staff_form.FORM``), announce, move, cancel, the check-in list and the attendance file.

Every page calls ``bot.workshops.services`` (or ``bot.admin.attendance``), which checks the
role and the workshop's districts again: a workshop of another district is a 404 (their
``Gone``), and a facilitator runs a workshop only when all its districts are hers. Each
change is written to the audit log.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from bot.admin import attendance, audit, directory, exports
from bot.conversation.turn import Gone
from bot.db.models import utcnow
from bot.i18n import _, get_locale, use_locale
from bot.reference import districts as reference
from bot.web import forms, render
from bot.web.sessions import PATH
from bot.workshops import access, services, staff_form
from bot.workshops import workshops as store
from bot.workshops.reminders import IST
from bot.workshops.words import (
    LANGUAGE_NAMES,
    ORGANISER_NAMES,
    description,
    districts_text,
    short_date,
    title,
    when,
    where,
)

FORM = staff_form.FORM
MOVE_FIELDS = tuple(f for f in FORM.fields if f.key in ("starts", "duration"))
LISTED_SINCE = timedelta(days=90)  # past workshops stay on the list this long
ANSWER_ORDER = (store.GOING, store.WAITING, store.MAYBE, store.NO)


def _answer_words() -> dict[str, str]:
    return {store.GOING: _("Going"), store.WAITING: _("Waiting list"),
            store.MAYBE: _("Maybe"), store.NO: _("Can't come")}


def status_words() -> dict[str, str]:
    return {store.DRAFT: _("draft (not announced yet)"), store.PUBLISHED: _("announced"),
            store.CANCELLED: _("cancelled")}


def _district(code: str | None) -> str:
    found = reference.district(code or "") if code else None
    return found.name(get_locale()) if found else (code or "—")


def _wid(request: Request) -> int:
    return request.path_params["workshop_id"]


def _typed_time(workshop: dict[str, Any]) -> dict[str, str]:
    """The start and end as one would type them (an edit's or a move's first look)."""
    starts = workshop["starts_at"].astimezone(IST)
    ends = store.ends_at(workshop).astimezone(IST)
    return {"starts": f"{starts:%d.%m.%Y %H:%M}", "duration": f"{ends:%H:%M}"}


def answered_filter(query: Any) -> dict[str, Any]:
    """The sellers table's "answered a workshop" filter from the query string: the
    workshop's id and, optionally, one answer (``directory.search`` checks the workshop
    is one the staff member sees)."""
    text = query.get("workshop", "")
    workshop = int(text) if text.isascii() and text.isdigit() and len(text) < 10 else None
    answer = query.get("answer") or None
    return {"workshop": workshop,
            "answer": answer if workshop and answer in directory.ANSWERS else None}


async def answered_choices(session: Any, role: Any) -> dict[str, Any]:
    """The workshops (and answers) the sellers table offers to filter by."""
    found = await services.listed(session, role, since=utcnow() - LISTED_SINCE)
    return {"workshops": [(w["id"], f"{title(w)} · {short_date(w)}") for w in found
                          if w["status"] != store.DRAFT],
            "answers": list(_answer_words().items())}


class WorkshopPages:
    def __init__(self, web: Any):
        self.web = web

    # ------------------------------------------------------------ reading

    async def listing(self, request: Request, session: Any, me: Any, form: Any) -> Response:
        now = utcnow()
        found = await services.listed(session, me.role, since=now - LISTED_SINCE)
        coming = [w for w in found if store.ends_at(w) > now]
        past = [w for w in found if store.ends_at(w) <= now][::-1]

        def rows(workshops):
            return [(w["id"], title(w), when(w), districts_text(w),
                     status_words()[w["status"]]) for w in workshops]

        return render.page("workshops.html", me=me, coming=rows(coming), past=rows(past))

    async def page(self, request: Request, session: Any, me: Any, form: Any, *,
                   problem: str | None = None, status: int = 200) -> Response:
        roster = await services.answers(session, me.role, _wid(request))
        workshop = roster.workshop
        by_district: dict[str, dict[str, int]] = {}
        for person in roster.people:
            counts = by_district.setdefault(person["district_code"] or "", {})
            counts[person["answer"]] = counts.get(person["answer"], 0) + 1
            if person["attended_at"]:
                counts["attended"] = counts.get("attended", 0) + 1
        names = _answer_words()
        people = [(p["seller_id"], p["name"] or _("(no name yet)"), _district(
            p["district_code"]), names.get(p["answer"], p["answer"]),
            bool(p["attended_at"]), p["feedback_score"]) for p in roster.people]
        done = request.query_params.get("done", "")
        count = request.query_params.get("n", "")
        count = count if count.isascii() and count.isdigit() else "0"
        notice = {
            "created": _("Saved as a draft. Press “Announce” to tell the sellers in its "
                         "districts."),
            "saved": _("Saved. {count} people who answered will get the new time or place "
                       "and a new calendar file.").format(count=count),
            "announced": _("Announced: {count} sellers will get the message in their "
                           "language.").format(count=count),
            "moved": _("Moved. {count} people who answered will be told.").format(
                count=count),
            "cancelled": _("Cancelled. {count} people will be told.").format(count=count),
        }.get(done)
        details = [
            (_("When"), when(workshop)), (_("Where"), where(workshop)),
            (_("Organiser"), _(ORGANISER_NAMES.get(workshop["organiser"], "Other organiser"))),
            (_("Topic"), workshop["topic"]),
            (_("Language"), _(LANGUAGE_NAMES.get(workshop["session_language"], "English"))),
            (_("Districts"), districts_text(workshop)),
            (_("Places"), str(workshop["capacity"])),
            (_("Status"), status_words()[workshop["status"]]),
            (_("Check-in code"), workshop["checkin_code"]),
        ]
        return render.page(
            "workshop.html", status, me=me, w=workshop, wname=title(workshop),
            about=description(workshop), details=details, notice=notice, problem=problem,
            runs=access.runs(me.role, workshop), draft=workshop["status"] == store.DRAFT,
            cancelled=workshop["status"] == store.CANCELLED,
            totals=[(names[a], roster.count(a)) for a in ANSWER_ORDER],
            attended=roster.attended, average=roster.average, scores=len(roster.scores),
            districts=[(_district(code), [counts.get(a, 0) for a in ANSWER_ORDER],
                        counts.get("attended", 0))
                       for code, counts in sorted(by_district.items())],
            answer_names=[names[a] for a in ANSWER_ORDER], people=people,
            comments=[(n or _("(no name yet)"), s, c) for n, s, c in roster.comments],
            mine_only=not me.role.operator)

    async def checkin_list(self, request: Request, session: Any, me: Any, form: Any,
                           notice: str | None = None) -> Response:
        roster = await services.answers(session, me.role, _wid(request))
        names = _answer_words()
        people = [(p["seller_id"], p["name"] or _("(no name yet)"),
                   _district(p["district_code"]), names.get(p["answer"], p["answer"]),
                   bool(p["attended_at"]))
                  for p in roster.people if p["answer"] in (store.GOING, store.MAYBE)
                  or p["attended_at"]]
        return render.page("checkin.html", me=me, w=roster.workshop,
                           wname=title(roster.workshop), when=when(roster.workshop),
                           people=people, notice=notice)

    async def present(self, request: Request, session: Any, me: Any, form: Any) -> Response:
        text = str(form.get("seller", ""))
        seller_id = int(text) if text.isascii() and text.isdigit() and len(text) < 12 else 0
        workshop_id = _wid(request)
        result = await services.mark_present(session, me.role, workshop_id, seller_id,
                                             now=utcnow())
        if result == "ok":
            await audit.record(session, me.role.telegram_id, audit.WORKSHOP_PRESENT,
                               seller_id=seller_id, detail=f"workshop {workshop_id}")
        return RedirectResponse(f"{PATH}/workshops/{workshop_id}/checkin#s{seller_id}",
                                status_code=303)

    async def download(self, request: Request, session: Any, me: Any, form: Any
                       ) -> Response:
        fmt = request.path_params["fmt"]
        if fmt not in exports.FORMATS:
            raise Gone(_("Not found"))
        workshop, rows = await attendance.of_workshop(session, me.role, _wid(request))
        language = get_locale()
        data = await run_in_threadpool(_attendance_file, rows, fmt, language)
        await audit.record(session, me.role.telegram_id, audit.WORKSHOP_EXPORT,
                           detail=f"workshop {workshop['id']} {fmt}")
        media = ("text/csv; charset=utf-8" if fmt == exports.CSV else
                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        return Response(data, media_type=media, headers={
            "Content-Disposition":
                f'attachment; filename="haat-workshop-{workshop["id"]}-attendance.{fmt}"',
            "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"})

    # ------------------------------------------------------------ create and edit

    def _form(self, me: Any, posted: dict[str, str], answers: dict[str, Any], *,
              action: str, heading: str, errors: dict[str, str] | None = None,
              review: list[tuple[str, str]] | None = None, status: int = 200) -> Response:
        return render.page(
            "workshop_form.html", status, me=me, heading=heading, action=action,
            fields=forms.shown(FORM.fields, posted, answers, errors), errors=bool(errors),
            review=review, carried=forms.carried(FORM.fields, posted),
            typed=forms.TYPED)

    async def _context(self, session: Any, me: Any, request: Request) -> dict[str, Any]:
        if "workshop_id" in request.path_params:
            workshop = await services.run(session, me.role, _wid(request))
            answers = staff_form.answers_of(workshop)
            return {"@workshop": workshop["id"], **staff_form.mine_of(me.role),
                    staff_form.LANG: answers[staff_form.LANG], "@row": workshop,
                    "@answers": answers}
        services.staff_only(me.role)
        return {**staff_form.mine_of(me.role), staff_form.LANG: get_locale()}

    async def edit_form(self, request: Request, session: Any, me: Any, form: Any
                        ) -> Response:
        context = await self._context(session, me, request)
        workshop = context.pop("@row", None)
        stored = context.pop("@answers", None)
        if workshop is None:
            posted: dict[str, str] = {}
            mine = context.get(staff_form.MINE) or []
            if len(mine) == 1:
                posted["districts"] = mine[0]
            return self._form(me, posted, context, action=f"{PATH}/workshops/new",
                              heading=_("New workshop"))
        posted = {**forms.posted_from(FORM.fields, {**stored, **context}),
                  **_typed_time(workshop)}
        return self._form(me, posted, {**stored, **context},
                          action=f"{PATH}/workshops/{workshop['id']}/edit",
                          heading=_("Change the workshop"))

    async def save(self, request: Request, session: Any, me: Any, form: Any) -> Response:
        context = await self._context(session, me, request)
        context.pop("@row", None)
        context.pop("@answers", None)
        editing = context.get("@workshop")
        action = (f"{PATH}/workshops/{editing}/edit" if editing else f"{PATH}/workshops/new")
        heading = _("Change the workshop") if editing else _("New workshop")
        answers, errors = forms.read(FORM.fields, form, context)
        if errors or form.get("step") == "change":
            return self._form(me, form, answers, action=action, heading=heading,
                              errors=errors, status=422 if errors else 200)
        if form.get("step") != "save":  # said back first, as the bot does
            return self._form(me, form, answers, action=action, heading=heading,
                              review=forms.review(FORM.fields, answers))
        values = staff_form.values_of(answers)
        now = utcnow()
        # The services ask again: the role or the districts may have changed meanwhile.
        if editing:
            try:
                told = await services.edit(session, me.role, editing, values, now=now)
            except services.Refused as refused:
                return self._refused(me, editing, refused)
            await audit.record(session, me.role.telegram_id, audit.WORKSHOP_EDIT,
                               detail=f"workshop {editing}")
            return RedirectResponse(f"{PATH}/workshops/{editing}?done=saved&n={len(told)}",
                                    status_code=303)
        workshop_id = await services.create(session, me.role, values,
                                            created_by=me.role.telegram_id, now=now)
        await audit.record(session, me.role.telegram_id, audit.WORKSHOP_CREATE,
                           detail=f"workshop {workshop_id}")
        return RedirectResponse(f"{PATH}/workshops/{workshop_id}?done=created",
                                status_code=303)

    # ------------------------------------------------------------ announce, move, cancel

    def _refused(self, me: Any, workshop_id: int, refused: services.Refused) -> Response:
        """The rules say no now (not an access question): said plainly, nothing saved."""
        return render.page("message.html", 409, me=me, title=_("Not saved"),
                           text=refused.message)

    async def announce(self, request: Request, session: Any, me: Any, form: Any
                       ) -> Response:
        workshop_id = _wid(request)
        try:
            count = await services.announce(session, me.role, workshop_id, now=utcnow())
        except services.Refused as refused:
            return await self.page(request, session, me, form, problem=refused.message,
                                   status=409)
        await audit.record(session, me.role.telegram_id, audit.WORKSHOP_ANNOUNCE,
                           detail=f"workshop {workshop_id}")
        return RedirectResponse(f"{PATH}/workshops/{workshop_id}?done=announced&n={count}",
                                status_code=303)

    async def move(self, request: Request, session: Any, me: Any, form: Any) -> Response:
        workshop = await services.run(session, me.role, _wid(request))
        action = f"{PATH}/workshops/{workshop['id']}/move"
        if form is None:
            return self._move_form(me, workshop, _typed_time(workshop), {}, action)
        answers, errors = forms.read(MOVE_FIELDS, form, {})
        if errors or form.get("step") == "change":
            return self._move_form(me, workshop, form, answers, action, errors=errors,
                                   status=422 if errors else 200)
        if form.get("step") != "save":
            return self._move_form(me, workshop, form, answers, action,
                                   review=forms.review(MOVE_FIELDS, answers))
        values = staff_form.values_of({**staff_form.answers_of(workshop), **answers})
        try:
            told = await services.move(session, me.role, workshop["id"],
                                       values["starts_at"], values["duration_minutes"],
                                       now=utcnow())
        except services.Refused as refused:
            return self._refused(me, workshop["id"], refused)
        await audit.record(session, me.role.telegram_id, audit.WORKSHOP_MOVE,
                           detail=f"workshop {workshop['id']}")
        return RedirectResponse(f"{PATH}/workshops/{workshop['id']}?done=moved&n="
                                f"{len(told)}", status_code=303)

    def _move_form(self, me: Any, workshop: dict[str, Any], posted: dict[str, str],
                   answers: dict[str, Any], action: str, *,
                   errors: dict[str, str] | None = None,
                   review: list[tuple[str, str]] | None = None, status: int = 200
                   ) -> Response:
        return render.page(
            "workshop_form.html", status, me=me,
            heading=_("Move “{title}”").format(title=title(workshop)), action=action,
            fields=forms.shown(MOVE_FIELDS, posted, answers, errors), errors=bool(errors),
            review=review, carried=forms.carried(MOVE_FIELDS, posted), typed=forms.TYPED)

    async def cancel(self, request: Request, session: Any, me: Any, form: Any) -> Response:
        workshop = await services.run(session, me.role, _wid(request))
        if form is None or form.get("step") != "yes":
            return render.page("workshop_cancel.html", me=me, w=workshop,
                               wname=title(workshop), when=when(workshop))
        told = await services.cancel(session, me.role, workshop["id"], now=utcnow())
        await audit.record(session, me.role.telegram_id, audit.WORKSHOP_CANCEL,
                           detail=f"workshop {workshop['id']}")
        return RedirectResponse(f"{PATH}/workshops/{workshop['id']}?done=cancelled&n="
                                f"{len(told)}", status_code=303)


def _attendance_file(rows: list[Any], fmt: str, language: str) -> bytes:
    """The bot's attendance file (``exports``), in the staff member's language; every row
    is of their districts' sellers, so the mobile numbers are in it."""
    with use_locale(language):
        return exports.attendance_file(rows, fmt, contacts=True)


def routes(web: Any) -> list[BaseRoute]:
    pages = WorkshopPages(web)
    page = web.staff_page
    return [
        Route("/workshops", page(pages.listing), methods=["GET"]),
        Route("/workshops/new", page(pages.edit_form), methods=["GET"]),
        Route("/workshops/new", page(pages.save), methods=["POST"]),
        Route("/workshops/{workshop_id:int}", page(pages.page), methods=["GET"]),
        Route("/workshops/{workshop_id:int}/edit", page(pages.edit_form), methods=["GET"]),
        Route("/workshops/{workshop_id:int}/edit", page(pages.save), methods=["POST"]),
        Route("/workshops/{workshop_id:int}/announce", page(pages.announce),
              methods=["POST"]),
        Route("/workshops/{workshop_id:int}/move", page(pages.move), methods=["GET", "POST"]),
        Route("/workshops/{workshop_id:int}/cancel", page(pages.cancel),
              methods=["GET", "POST"]),
        Route("/workshops/{workshop_id:int}/checkin", page(pages.checkin_list),
              methods=["GET"]),
        Route("/workshops/{workshop_id:int}/present", page(pages.present), methods=["POST"]),
        Route("/workshops/{workshop_id:int}/attendance.{fmt}", page(pages.download),
              methods=["GET"]),
    ]
