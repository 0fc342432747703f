"""Voice notes and recordings, the services: who will hear a seller's voice note, the notes
waiting in a staff member's districts, entering her answer, writing back by voice,
recording a screen's explanation, and which screens most need one. The acting ``Role``
and plain values in, data out; every call checks the role, the district and the note's
state again (a crafted button from Agra never reaches a Firozabad seller's note)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.admin import access, help_queue, staff, stats
from bot.admin.access import ALL
from bot.admin.staff import Role
from bot.checklists.texts import ITEM_TEXT
from bot.conversation import forms
from bot.conversation.turn import Gone
from bot.db import sellers
from bot.helpdesk import entering, relay, voice
from bot.i18n import _
from bot.settings import Settings
from bot.steps.flow import STEPS

FACILITATOR, OPERATORS, NOBODY = "facilitator", "operators", "nobody"


async def listeners(session: Any, district: str | None, settings: Settings) -> str:
    """Who will hear a note from this district: its facilitator, else the operators (they
    see every district), else nobody yet (then the bot must not offer to send it)."""
    if district and await staff.covering(session, district):
        return FACILITATOR
    return OPERATORS if settings.admin_ids else NOBODY


@dataclass(frozen=True)
class Waiting:
    note_id: int
    seller_id: int
    name: str | None
    district: str
    file_id: str
    form: str | None
    field: str | None


async def waiting(session: Any, role: Role | None, district: str) -> list[Waiting]:
    """Voice notes sellers of these districts sent on, oldest first."""
    role = access.require(role, district)
    districts = set(access.scope(role, district))
    notes = await voice.queued(session)
    where = await stats.districts_of(session, [n.seller_id for n in notes])
    found = []
    for note in notes:
        if where.get(note.seller_id) not in districts:
            continue
        seller = await sellers.by_id(session, note.seller_id)
        found.append(Waiting(note.id, note.seller_id, seller.name if seller else None,
                             where[note.seller_id], note.file_id, note.form_key,
                             note.field_key))
    return found


async def note(session: Any, role: Role | None, note_id: int) -> Any:
    """A waiting note of one of the staff member's sellers; ``Gone`` otherwise."""
    role = access.require(role)
    row = await voice.get(session, note_id)
    if row is None:
        raise Gone(_("This seller's data has been deleted."))
    await help_queue.seller_district(session, role, row.seller_id)  # their district?
    if row.status != voice.QUEUED:
        raise Gone(_("This voice note has already been dealt with."))
    return row


async def enter_for(session: Any, role: Role | None, note_id: int, text: str, *,
                    settings: Settings, now: datetime) -> str:
    """The facilitator enters the answer she heard; raises ``forms.Moved`` or ``Invalid``
    (nothing entered), returns the answer as the seller's card shows it."""
    row = await note(session, role, note_id)
    shown = await entering.enter_answer(
        session, seller_id=row.seller_id, form_key=row.form_key or "",
        field_key=row.field_key or "", text=text, source=voice.FACILITATOR,
        by=role.telegram_id, note_id=row.id, settings=settings, now=now)
    await voice.close(session, row.id, role.telegram_id, now, status=voice.ANSWERED)
    return shown


async def close(session: Any, role: Role | None, note_id: int, now: datetime) -> None:
    row = await note(session, role, note_id)
    await voice.close(session, row.id, role.telegram_id, now)


async def write_voice(session: Any, role: Role | None, seller_id: int, file_id: str, *,
                      now: datetime) -> str:
    """A facilitator's spoken answer through the relay; returns the seller's district."""
    district = await help_queue.seller_district(session, role, seller_id)
    await relay.write(session, seller_id=seller_id, staff_telegram_id=role.telegram_id,
                      from_staff=True, text="", recipient_seller_id=seller_id, now=now,
                      voice_file_id=file_id)
    return district


# ---------------------------------------------------------------- recordings

def screen_known(screen: str) -> bool:
    """Only screens that exist can get a recording (button data is not trusted)."""
    kind, _sep, rest = screen.partition(":")
    if kind == "step":
        return any(step.key == rest for step in STEPS)
    if kind == "ask":
        form_key, _sep, field_key = rest.partition(":")
        form = forms.get_form(form_key)
        return form is not None and form.field(field_key) is not None
    if kind == "check":
        return rest in ITEM_TEXT
    return False


def places(role: Role, district: str) -> list[str]:
    """Where a recording made for ``district`` plays: an operator's "all" is every
    district (the fallback); a facilitator's "all" is each of their districts."""
    if district == ALL:
        return [voice.EVERYWHERE] if role.operator else access.scope(role, ALL)
    return [district]


async def record(session: Any, role: Role | None, screen: str, district: str, file_id: str,
                 *, now: datetime) -> None:
    role = access.require(role, district)
    if not screen_known(screen):
        raise Gone(_("This button no longer works."))
    for place in places(role, district):
        await voice.record_prompt(session, screen=screen, district=place, file_id=file_id,
                                  by=role.telegram_id, now=now)


@dataclass(frozen=True)
class Need:
    screen: str  # step:gst, ask:listing:price
    asked: int  # sellers who asked for help there (steps) or sent a voice note there
    recorded: tuple[str, ...]  # district codes with a recording ("*": all districts)


async def needs(session: Any, role: Role | None, district: str) -> list[Need]:
    """Every step and every question sellers sent voice notes at, the most asked first,
    with where a recording exists."""
    role = access.require(role, district)
    districts = access.scope(role, district)
    helped = await stats.help_by_step(session, districts)
    spoken = await voice.asked_at(session, await stats.sellers_in(session, districts))
    have = await voice.recorded(session, districts)
    screens = {f"step:{step.key}": helped.get(step.key, 0) for step in STEPS}
    for (form_key, field_key), count in spoken.items():
        screens[f"ask:{form_key}:{field_key}"] = count
    order = list(screens)
    found = [Need(s, n, tuple(sorted(have.get(s, ())))) for s, n in screens.items()
             if screen_known(s)]
    return sorted(found, key=lambda need: (-need.asked, order.index(need.screen)))
