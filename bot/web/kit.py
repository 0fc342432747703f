"""What the staff pages beyond the first slice share: the district choice of a page, files
sent to the browser, and ``Later``: work a page does after the database transaction of
``Web.staff_page`` has closed (a large export must not hold SQLite's write lock)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Awaitable, Callable
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response

from bot.admin import staff
from bot.admin.access import ALL
from bot.admin.screens import district_name
from bot.admin.staff import Role
from bot.i18n import use_locale

MEDIA = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "csv": "text/csv; charset=utf-8", "pdf": "application/pdf",
         "zip": "application/zip"}


def districts_of(role: Role) -> list[tuple[str, str]]:
    """(code, name) of the staff member's districts, in the reference order."""
    return [(code, district_name(code)) for code in staff.known_districts(list(role.districts))]


def chosen_district(request: Request, role: Role) -> str:
    """The page's district: the one asked (checked by the service), else their only one,
    else all of theirs."""
    asked = request.query_params.get("district", "")
    if asked:
        return asked[:40]
    return next(iter(role.districts)) if len(role.districts) == 1 else ALL


def file_response(files: list[tuple[str, bytes]], stem: str) -> Response:
    """One file as it is; several (a CSV per marketplace) in one ZIP, as one download."""
    if len(files) == 1:
        name, data = files[0]
    else:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for part, content in files:
                archive.writestr(part, content)
        name, data = f"{stem}.zip", buffer.getvalue()
    extension = name.rsplit(".", 1)[-1]
    return Response(data, media_type=MEDIA.get(extension, "application/octet-stream"),
                    headers={"Content-Disposition": f"attachment; filename=\"{quote(name)}\"; "
                                                    f"filename*=UTF-8''{quote(name)}",
                             "Cache-Control": "no-store",
                             "X-Content-Type-Options": "nosniff"})


class Later(Response):
    """A page's answer to finish once the transaction is over: ``finish()`` makes the
    real response, in the staff member's language; the session cookie already set on
    this one is carried over."""

    def __init__(self, finish: Callable[[], Awaitable[Response]], language: str):
        super().__init__(status_code=204)
        self.finish, self.language = finish, language


def after_transaction(endpoint: Callable[[Request], Awaitable[Response]]
                      ) -> Callable[[Request], Awaitable[Response]]:
    async def wrapped(request: Request) -> Response:
        response = await endpoint(request)
        if not isinstance(response, Later):
            return response
        with use_locale(response.language):
            final = await response.finish()
        final.raw_headers.extend((key, value) for key, value in response.raw_headers
                                 if key == b"set-cookie")
        return final

    return wrapped
