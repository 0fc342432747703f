"""The staff access rule, checked by every staff service itself: who is staff, which
districts they may see, what only an operator may do.

A service takes the acting staff member's ``Role`` as just loaded (``staff.role``, or
``None`` for someone who is not staff) and calls ``require`` before it reads or writes,
so the bot's screens and a web page get the same "no", in the reader's language.
"""

from __future__ import annotations

from bot.admin import staff
from bot.admin.staff import Role
from bot.conversation.turn import Gone
from bot.i18n import _

ALL = "*"  # "all my districts"


def require(role: Role | None, district: str | None = None, *, operator: bool = False
            ) -> Role:
    """``role``, checked now; ``Gone`` with the reason if they may not."""
    if role is None:
        raise Gone(_("This is for programme staff only. If you were a facilitator, an "
                     "operator has removed you, so this does nothing now."))
    if operator and not role.operator:
        raise Gone(_("Only an operator can do this."))
    if district not in (None, "", ALL) and not role.can_see(district):
        raise Gone(_("That district is not one of yours, so I cannot show it."))
    return role


def scope(role: Role, district: str) -> list[str]:
    """The district codes one request covers: one district, or all the staff member's."""
    if district == ALL:
        return staff.known_districts(list(role.districts))
    return [district]
