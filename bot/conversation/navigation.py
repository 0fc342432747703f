"""The buttons every screen may show: back to the menu, continue a paused form.

They sit in the kernel because every slice offers them; what they open is decided in
``handlers/menu.py``.
"""

from __future__ import annotations

from bot.conversation.callbacks import callback
from bot.conversation.turn import Button
from bot.i18n import _


@callback("m")
class MenuAction:
    action: str  # menu | resume | next | steps | profile | help | mydata | language


def menu_button() -> Button:
    return Button(_("🏠 Menu"), MenuAction("menu").pack())


def continue_button(label: str | None = None) -> Button:
    return Button(label or _("▶ Continue"), MenuAction("resume").pack())
