"""The broadcast pages: write a message to one district's sellers (the bot's own form,
``broadcasts_screens.BROADCAST_FORM``: craft, stuck stage, urgent), see its audience
(how many, who, in which language, what it looks like in each) before anything is sent,
send it through the outbox (after the quiet hours unless urgent, as the bot does), follow
it per recipient, send again to those whose copy is "unknown", stop it.

``bot.admin.broadcasting`` checks the role and the broadcast's district on every request:
another district's broadcast is a 404. Sending and stopping are written to the audit log.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from bot.admin import access, audit, broadcasting, broadcasts, staff
from bot.admin.broadcasts_screens import (
    BROADCAST_FORM,
    LANG,
    STATUS_WORDS,
    URGENT,
    audience_name,
    create_from,
    duration_text,
    goes_text,
    languages_text,
)
from bot.admin.notices import broadcast_text, in_language
from bot.admin.screens import district_name
from bot.conversation.turn import Gone
from bot.db.models import as_utc, utcnow
from bot.i18n import _, get_locale, use_locale
from bot.outbox import queue
from bot.reference import districts as reference
from bot.web import forms, render
from bot.web.sessions import PATH

FIELDS = BROADCAST_FORM.fields
NAMES_SHOWN = 100  # of the audience, before sending


def _bid(request: Request) -> int:
    return request.path_params["broadcast_id"]


class BroadcastPages:
    def __init__(self, web: Any):
        self.web = web

    def _district(self, me: Any, code: str) -> str:
        """A district of theirs to write to (``Gone``: not theirs, or not a district)."""
        access.require(me.role, code)
        if reference.district(code) is None:
            raise Gone(_("This button no longer works."))
        return code

    def _compose(self, me: Any, district: str, posted: dict[str, str], answers: dict,
                 errors: dict[str, str] | None = None, status: int = 200) -> Response:
        return render.page(
            "broadcast_form.html", status, me=me, district=district,
            where=district_name(district),
            fields=forms.shown(FIELDS, posted, answers, errors), errors=bool(errors),
            typed=forms.TYPED)

    async def compose(self, request: Request, session: Any, me: Any, form: Any
                      ) -> Response:
        role = access.require(me.role)
        mine = staff.known_districts(list(role.districts))
        code = request.query_params.get("district") or (mine[0] if len(mine) == 1 else "")
        if not code:
            return render.page("broadcast_district.html", me=me, districts=[
                (c, district_name(c)) for c in mine])
        district = self._district(me, code)
        context = {"@district": district, LANG: get_locale()}
        return self._compose(me, district, {"stage": "all", "when": "normal"}, context)

    async def create(self, request: Request, session: Any, me: Any, form: Any) -> Response:
        district = self._district(me, str(form.get("district", "")))
        context = {"@district": district, LANG: get_locale()}
        answers, errors = forms.read(FIELDS, form, context)
        if errors:
            return self._compose(me, district, form, answers, errors, status=422)
        broadcast_id = await create_from(session, me.role, answers)
        urgent = "1" if answers.get("when") == URGENT else "0"
        return RedirectResponse(f"{PATH}/broadcasts/{broadcast_id}?urgent={urgent}",
                                status_code=303)

    async def show(self, request: Request, session: Any, me: Any, form: Any) -> Response:
        broadcast_id = _bid(request)
        urgent = request.query_params.get("urgent") == "1"
        seen = await broadcasting.status(session, me.role, broadcast_id)
        row = seen.broadcast
        if row.status == broadcasts.DRAFT:
            return await self._preview(session, me, broadcast_id, urgent)
        report = seen.report
        _row, people = await broadcasting.recipients(session, me.role, broadcast_id)
        counts = [(_(STATUS_WORDS[s]), report.count(s)) for s in (
            queue.SENT, queue.PENDING, queue.SENDING, queue.FAILED, queue.UNKNOWN,
            queue.CANCELLED) if report.count(s)]
        done = request.query_params.get("done", "")
        confirmed = as_utc(row.confirmed_at) if row.confirmed_at else utcnow()
        notice = {"queued": _("Queued.") + " " + goes_text(confirmed, urgent=urgent),
                  "stopped": _("Stopped: what was not sent yet will not be sent."),
                  "resent": _("Queued again for those whose copy is unknown."),
                  "again": _("Already done ✓")}.get(done)
        return render.page(
            "broadcast.html", me=me, row=row, where=district_name(row.district_code),
            who=audience_name(row.craft_key, row.stage), counts=counts, notice=notice,
            sending=row.status == broadcasts.QUEUED and report.count(
                queue.PENDING, queue.SENDING) > 0,
            text=in_language(row, get_locale()),
            unknown=row.status == broadcasts.QUEUED and any(
                p.first == queue.UNKNOWN and not p.resent for p in people),
            people=[(p.seller_id, p.name or "—", district_name(p.district or ""),
                     _(STATUS_WORDS.get(p.status, p.status)), p.error or "")
                    for p in people])

    async def _preview(self, session: Any, me: Any, broadcast_id: int, urgent: bool
                       ) -> Response:
        seen = await broadcasting.preview(session, me.role, broadcast_id,
                                          rate=self.web.settings.outbox_rate)
        row = seen.broadcast
        samples = []
        for language, label in (("hi", _("Sample for sellers who read Hindi:")),
                                ("en", _("Sample for sellers who read English:"))):
            with use_locale(language):
                sample = broadcast_text(row.district_code, in_language(row, language))
            samples.append((label, sample))
        names = await broadcasting.names(session, me.role, broadcast_id, limit=NAMES_SHOWN)
        now = utcnow()
        return render.page(
            "broadcast_preview.html", me=me, row=row, where=district_name(row.district_code),
            who=audience_name(row.craft_key, row.stage), count=seen.sellers,
            blocked=seen.blocked, samples=samples, names=names,
            languages=languages_text(row, seen.languages) if seen.sellers else "",
            goes=goes_text(now, urgent=urgent) + " " + _(
                "Sending takes {time} at the current rate.").format(
                time=duration_text(seen.seconds)),
            urgent=urgent)

    async def send(self, request: Request, session: Any, me: Any, form: Any) -> Response:
        broadcast_id = _bid(request)
        urgent = form.get("urgent") == "1"  # chosen in the form; staff may send at night
        count = await broadcasting.send(session, me.role, broadcast_id, now=utcnow(),
                                        urgent=urgent)
        if count is None:
            return RedirectResponse(f"{PATH}/broadcasts/{broadcast_id}?done=again",
                                    status_code=303)
        await audit.record(session, me.role.telegram_id, audit.BROADCAST_SEND,
                           detail=f"broadcast {broadcast_id}: {count}"
                                  + (" urgent" if urgent else ""))
        return RedirectResponse(f"{PATH}/broadcasts/{broadcast_id}?done=queued&urgent="
                                f"{'1' if urgent else '0'}", status_code=303)

    async def resend(self, request: Request, session: Any, me: Any, form: Any
                     ) -> Response:
        """Send again to those whose copy ended "unknown", after saying they may get it
        twice (the bot's words)."""
        broadcast_id = _bid(request)
        if form is None or form.get("step") != "yes":
            _row, people = await broadcasting.recipients(session, me.role, broadcast_id)
            waiting = sum(1 for p in people if p.first == queue.UNKNOWN and not p.resent)
            return render.page("broadcast_resend.html", me=me, broadcast_id=broadcast_id,
                               count=waiting)
        added = await broadcasting.resend_unknown(session, me.role, broadcast_id,
                                                  now=utcnow())
        if added:
            await audit.record(session, me.role.telegram_id, audit.BROADCAST_RESEND,
                               detail=f"broadcast {broadcast_id}: {added}")
        return RedirectResponse(f"{PATH}/broadcasts/{broadcast_id}?done="
                                f"{'resent' if added else 'again'}", status_code=303)

    async def stop(self, request: Request, session: Any, me: Any, form: Any) -> Response:
        broadcast_id = _bid(request)
        stopped = await broadcasting.stop(session, me.role, broadcast_id, now=utcnow())
        if stopped.was_draft:
            return render.page("message.html", me=me, title=_("Broadcast"),
                               text=_("Discarded. Nothing was sent."))
        if stopped.count is not None:
            await audit.record(session, me.role.telegram_id, audit.BROADCAST_STOP,
                               detail=f"broadcast {broadcast_id}: {stopped.count}")
        return RedirectResponse(f"{PATH}/broadcasts/{broadcast_id}?done=stopped",
                                status_code=303)


def routes(web: Any) -> list[BaseRoute]:
    pages = BroadcastPages(web)
    page = web.staff_page
    return [
        Route("/broadcasts", page(pages.compose), methods=["GET"]),
        Route("/broadcasts", page(pages.create), methods=["POST"]),
        Route("/broadcasts/{broadcast_id:int}", page(pages.show), methods=["GET"]),
        Route("/broadcasts/{broadcast_id:int}/send", page(pages.send), methods=["POST"]),
        Route("/broadcasts/{broadcast_id:int}/stop", page(pages.stop), methods=["POST"]),
        Route("/broadcasts/{broadcast_id:int}/resend", page(pages.resend),
              methods=["GET", "POST"]),
    ]
