"""Jinja2 templates for longer messages. Plain text (messages are sent without a parse
mode), gettext from the current update's locale through the i18n extension."""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from bot.i18n import ROOT, gettext, ngettext


@cache
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(ROOT / "templates"), autoescape=False,
                      undefined=StrictUndefined, keep_trailing_newline=False,
                      trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.i18n"])
    # newstyle gettext: {{ _("Hello %(name)s", name=x) }}; functions read the ContextVar.
    env.install_gettext_callables(gettext, ngettext, newstyle=True)
    return env


def render(name: str, **values: Any) -> str:
    return environment().get_template(name).render(**values).strip()
