"""The workshop buttons' data (``WorkshopAction``, prefix ``w``), apart from the screens, so
that other slices (the seller menu, the staff poster screen) build and read them without
importing a screen."""

from __future__ import annotations

from bot.conversation.callbacks import callback
from bot.conversation.turn import Button

POSTER = "poster"  # the staff's "🖨 Poster" button: WorkshopAction(id, POSTER)
# Its handler is the admin slice's (role and district checked there on each press), and
# it is registered before the general WorkshopAction handler.
POSTER_PATTERN = rf"^w\|[0-9]+\|{POSTER}\|"


@callback("w")
class WorkshopAction:
    id: int
    action: str
    arg: str


def button(label: str, workshop_id: int, action: str, arg: str = "") -> Button:
    return Button(label, WorkshopAction(workshop_id, action, arg).pack())

