"""Jinja2 for the staff pages: HTML-escaped (a seller's name is text, never markup), with
gettext from the staff member's locale (the ContextVar of ``bot.i18n``) like the bot."""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.responses import HTMLResponse

from bot.i18n import ROOT, format_number, get_locale, gettext, ngettext


@cache
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(ROOT / "templates" / "web"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      extensions=["jinja2.ext.i18n"])
    env.install_gettext_callables(gettext, ngettext, newstyle=True)
    env.filters["number"] = format_number
    return env


def page(name: str, status_code: int = 200, **values: Any) -> HTMLResponse:
    html = environment().get_template(name).render(locale=get_locale(), **values)
    return HTMLResponse(html, status_code=status_code,
                        headers={"Cache-Control": "no-store",
                                 "X-Content-Type-Options": "nosniff",
                                 "X-Frame-Options": "DENY",
                                 "Referrer-Policy": "no-referrer",
                                 "Content-Security-Policy":
                                     "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                                     "form-action 'self'; frame-ancestors 'none'"})
