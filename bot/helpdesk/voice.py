"""Voice, through people: the owner of ``voice_notes`` (a seller's voice note where the bot
wanted an answer, waiting for staff), ``entered_answers`` (answers staff entered into a
seller's form, and who did) and ``voice_prompts`` (staff's spoken explanation of a screen,
per district with an all-districts fallback). Only Telegram's file ids are kept, never the
audio; file ids and words never reach the logs.

It sits at the bottom of the slices because steps (and later other screens) read the
prompts, admin writes everything, privacy shows and deletes a seller's part.
"""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, func, insert, select, update

from bot.conversation.callbacks import callback
from bot.conversation.turn import Button, Turn
from bot.db.models import EnteredAnswer, VoiceNote, VoicePrompt
from bot.i18n import _

NOTES = VoiceNote.__table__
ENTRIES = EnteredAnswer.__table__
PROMPTS = VoicePrompt.__table__

HELD = "held"  # received; she has not asked to pass it on
QUEUED = "queued"  # in the staff's "who needs help"
ANSWERED = "answered"  # staff entered the answer for her
CLOSED = "closed"  # staff dealt with it otherwise (wrote back, resolved)

EVERYWHERE = "*"  # a prompt an operator recorded for every district
FACILITATOR = "facilitator"  # the source of an entered answer (later: "transcript")


@callback("vp")
class Listen:
    screen: str  # step:gst, ask:<form>:<field>, check:<item>


# ---------------------------------------------------------------- voice notes

async def hold(session: Any, *, seller_id: int, file_id: str, form_key: str | None,
               field_key: str | None, now: datetime) -> int:
    """Keep the note's id and the question she was at, until she says "send it"."""
    return int((await session.execute(insert(NOTES).values(
        seller_id=seller_id, file_id=file_id, form_key=form_key, field_key=field_key,
        status=HELD, created_at=now).returning(NOTES.c.id))).scalar_one())


async def get(session: Any, note_id: int) -> Any | None:
    return (await session.execute(select(NOTES).where(NOTES.c.id == note_id))).first()


async def send_on(session: Any, note_id: int, seller_id: int, now: datetime) -> bool:
    """Her "send it to my facilitator": held → queued, once (a second tap does nothing)."""
    result = await session.execute(update(NOTES).where(
        NOTES.c.id == note_id, NOTES.c.seller_id == seller_id, NOTES.c.status == HELD)
        .values(status=QUEUED, queued_at=now))
    return result.rowcount > 0


async def queued(session: Any, limit: int = 200) -> list[Any]:
    """Notes waiting for staff, oldest first (the caller keeps the districts it may see)."""
    return list(await session.execute(select(NOTES).where(NOTES.c.status == QUEUED)
                                      .order_by(NOTES.c.queued_at, NOTES.c.id).limit(limit)))


async def close(session: Any, note_id: int, by: int, now: datetime, *,
                status: str = CLOSED) -> bool:
    """Staff dealt with it; False if someone already had (two facilitators, one note)."""
    result = await session.execute(update(NOTES).where(
        NOTES.c.id == note_id, NOTES.c.status == QUEUED)
        .values(status=status, handled_by=by, handled_at=now))
    return result.rowcount > 0


async def asked_at(session: Any, seller_ids: list[int]) -> dict[tuple[str, str], int]:
    """How often these sellers sent a voice note at each question (form, field)."""
    if not seller_ids:
        return {}
    rows = await session.execute(
        select(NOTES.c.form_key, NOTES.c.field_key, func.count().label("n"))
        .where(NOTES.c.seller_id.in_(seller_ids), NOTES.c.form_key.is_not(None),
               NOTES.c.field_key.is_not(None))
        .group_by(NOTES.c.form_key, NOTES.c.field_key))
    return {(r.form_key, r.field_key): int(r.n) for r in rows}


# ---------------------------------------------------------------- answers entered for her

async def record_entry(session: Any, *, seller_id: int, form_key: str, field_key: str,
                       text: str, source: str, entered_by: int | None,
                       voice_note_id: int | None, now: datetime) -> int:
    return int((await session.execute(insert(ENTRIES).values(
        seller_id=seller_id, form_key=form_key, field_key=field_key, text=text,
        source=source, entered_by=entered_by, voice_note_id=voice_note_id, created_at=now)
        .returning(ENTRIES.c.id))).scalar_one())


async def entry(session: Any, entry_id: int) -> Any | None:
    return (await session.execute(select(ENTRIES).where(ENTRIES.c.id == entry_id))).first()


async def of_seller(session: Any, seller_id: int) -> dict[str, list[dict[str, Any]]]:
    """Her voice notes (ids and where) and the answers others entered for her (/mydata)."""
    notes = (await session.execute(
        select(NOTES.c.file_id, NOTES.c.form_key, NOTES.c.field_key, NOTES.c.status,
               NOTES.c.created_at, NOTES.c.handled_at)
        .where(NOTES.c.seller_id == seller_id).order_by(NOTES.c.id))).mappings().all()
    entries = (await session.execute(
        select(ENTRIES.c.form_key, ENTRIES.c.field_key, ENTRIES.c.text, ENTRIES.c.source,
               ENTRIES.c.entered_by, ENTRIES.c.created_at)
        .where(ENTRIES.c.seller_id == seller_id).order_by(ENTRIES.c.id))).mappings().all()
    return {"voice_notes": [dict(r) for r in notes],
            "entered_for_me": [dict(r) for r in entries]}


# ---------------------------------------------------------------- spoken explanations

async def record_prompt(session: Any, *, screen: str, district: str, file_id: str,
                        by: int, now: datetime) -> None:
    """A new recording replaces the one before it for that screen and district."""
    _forget_recorded_screens()
    await session.execute(delete(PROMPTS).where(PROMPTS.c.screen == screen,
                                                PROMPTS.c.district_code == district))
    await session.execute(insert(PROMPTS).values(screen=screen, district_code=district,
                                                 file_id=file_id, recorded_by=by,
                                                 created_at=now))


async def prompt_for(session: Any, screen: str, district: str | None) -> str | None:
    """The file id to play on this screen: the district's own recording, else the one for
    every district; None when nobody recorded one (then no button is shown)."""
    places = [EVERYWHERE] + ([district] if district else [])
    rows = list(await session.execute(select(PROMPTS.c.district_code, PROMPTS.c.file_id)
                                      .where(PROMPTS.c.screen == screen,
                                             PROMPTS.c.district_code.in_(places))))
    own = [r.file_id for r in rows if r.district_code != EVERYWHERE]
    return own[0] if own else (rows[0].file_id if rows else None)


async def recorded(session: Any, districts: list[str]) -> dict[str, list[str]]:
    """Which screens have a recording for these districts (or all): screen → districts."""
    rows = await session.execute(select(PROMPTS.c.screen, PROMPTS.c.district_code).where(
        PROMPTS.c.district_code.in_([EVERYWHERE, *districts])))
    found: dict[str, list[str]] = {}
    for r in rows:
        found.setdefault(r.screen, []).append(r.district_code)
    return found


async def remove_prompt(session: Any, screen: str, district: str) -> bool:
    _forget_recorded_screens()
    result = await session.execute(delete(PROMPTS).where(and_(
        PROMPTS.c.screen == screen, PROMPTS.c.district_code == district)))
    return result.rowcount > 0


# The screens that have any recording, asked again after this many seconds: every question
# of every form would otherwise cost a query for a button that is almost never there. A
# recording made in this process is seen at once; one made in another process within this.
RECORDED_FRESH_FOR = 30.0
_recorded_screens: tuple[float, frozenset[str]] = (float("-inf"), frozenset())


async def _has_recordings(session: Any, screen: str) -> bool:
    global _recorded_screens
    loaded_at, screens = _recorded_screens
    if time.monotonic() - loaded_at > RECORDED_FRESH_FOR:
        screens = frozenset(r.screen for r in await session.execute(
            select(PROMPTS.c.screen).distinct()))
        _recorded_screens = (time.monotonic(), screens)
    return screen in screens


def _forget_recorded_screens() -> None:
    global _recorded_screens
    _recorded_screens = (float("-inf"), frozenset())


async def listen_button(session: Any, screen: str, district: str | None) -> list[Button]:
    """"🔊 Listen" under a screen, only where a recording exists (never a promise without
    one)."""
    if (not await _has_recordings(session, screen)
            or await prompt_for(session, screen, district) is None):
        return []
    return [Button(_("🔊 Listen"), Listen(screen).pack())]


def question_screen(form_key: str, field_key: str) -> str:
    return f"ask:{form_key}:{field_key}"


def check_screen(code: str) -> str:
    return f"check:{code}"


async def question_buttons(turn: Turn, form_key: str, field_key: str) -> list[Button]:
    """The form engine's extra buttons under a seller's question: "🔊 Listen" where a
    recording exists (staff forms: none)."""
    if turn.seller is None:
        return []
    return await listen_button(turn.session, question_screen(form_key, field_key),
                               turn.seller.district_code)


async def listen(turn: Turn, data: Listen) -> None:
    """"🔊 Listen": the recording for her district (or every district), by file id."""
    district = turn.seller.district_code if turn.seller is not None else None
    file_id = await prompt_for(turn.session, data.screen, district)
    if file_id is None:
        turn.notice = _("There is no recording here yet.")
        return
    turn.say("", voice=file_id)


async def forget_staff(session: Any, telegram_id: int) -> None:
    """/delete by a facilitator: who handled a voice note or entered an answer is forgotten
    (the sellers' notes and answers stay theirs)."""
    await session.execute(update(NOTES).where(NOTES.c.handled_by == telegram_id)
                          .values(handled_by=None))
    await session.execute(update(ENTRIES).where(ENTRIES.c.entered_by == telegram_id)
                          .values(entered_by=None))
