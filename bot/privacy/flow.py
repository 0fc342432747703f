"""/mydata (everything stored about the seller, as JSON) and /delete (erase all of it)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from bot.admin import staff as staff_table
from bot.admin import team
from bot.checklists import ticks as checklist_ticks
from bot.conversation.callbacks import callback
from bot.conversation.turn import Button, Turn
from bot.db import inbox, presses, sellers
from bot.db.models import Seller, utcnow
from bot.helpdesk import relay, voice
from bot.i18n import _
from bot.listing import english_needed
from bot.listing import products as listing_products
from bot.outbox import queue as outbox
from bot.pricing import quotes as price_quotes
from bot.seller import nudges
from bot.steps import flow as steps
from bot.workshops import workshops


@callback("p")
class DeleteAnswer:
    what: str  # "del" (all my data)
    answer: str  # yes | no


_SELLER_COLUMNS = [c.key for c in Seller.__table__.columns if c.key not in ("id",)]


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


async def _about_you(turn: Turn) -> dict[str, Any]:
    """What is kept about a person besides the seller row: a tester or operator mark
    (never counted as a seller), and the name in the staff list."""
    return {"not_counted_as_seller": await sellers.uncounted_reason(turn.session,
                                                                    turn.telegram_id),
            "staff_name": await staff_table.name_of(turn.session, turn.telegram_id)}


async def export(turn: Turn) -> dict[str, Any]:
    seller = turn.seller
    if seller is None:  # a staff member's chat row: the form in progress, nothing more
        row = turn.row
        assert row is not None
        return {"staff_chat": {key: _plain(getattr(row, key)) for key in _SELLER_COLUMNS
                               if getattr(row, key) is not None},
                **await _about_you(turn)}
    status = await steps.statuses(turn)
    products = await listing_products.all_of(turn)
    checklists = await checklist_ticks.all_of(turn)
    return {
        "seller": {key: _plain(getattr(seller, key)) for key in _SELLER_COLUMNS},
        "steps": [{"step": row.step_key, "status": row.status, "data": row.data,
                   "updated_at": _plain(row.updated_at)} for row in status.values()],
        "products": [{key: _plain(value) for key, value in product.items()
                      if key != "seller_id"} for product in products],
        "checklists": [{key: _plain(value) for key, value in row.items()}
                       for row in checklists],
        "price_quotes": [{key: _plain(value) for key, value in kept.items()
                          if key != "seller_id"} for kept in await price_quotes.all_of(turn)],
        "workshops": [{key: _plain(value) for key, value in rsvp.items()
                       if key not in ("id", "seller_id")}
                      for rsvp in await workshops.of_seller(turn.session, seller.id)],
        "workshops_attended": await workshops.attended_count(turn.session, seller.id),
        "messages": [{key: _plain(value) for key, value in row.items()}
                     for row in await outbox.of_seller(turn.session, seller.id)],
        "help_conversation": [{key: _plain(value) for key, value in row.items()}
                              for row in await relay.of_seller(turn.session, seller.id)],
        **{part: [{key: _plain(value) for key, value in row.items()} for row in rows]
           for part, rows in (await voice.of_seller(turn.session, seller.id)).items()},
        "english_needed": [{key: _plain(value) for key, value in row.items()
                            if key != "seller_id"}
                           for row in await english_needed.of_seller(turn.session, seller.id)],
        "nudges": {key: _plain(value) for key, value in
                   ((await nudges.of_seller(turn.session, seller.id)) or {}).items()},
        **await _about_you(turn),
        # Updates as Telegram delivered them: the JSON only while one waits to be handled.
        "inbox": [{key: json.loads(value) if key == "payload" and value else _plain(value)
                   for key, value in row.items()}
                  for row in await inbox.of_user(turn.session, turn.telegram_id)],
    }


async def my_data(turn: Turn) -> None:
    if turn.row is None:
        turn.say(_("There is nothing stored about you."))
        return
    data = await export(turn)
    document = json.dumps(data, ensure_ascii=False, indent=2).encode()  # UTF-8: Hindi reads
    turn.say("\n".join([_("This file holds everything I have stored about you."),
                         *_summary(data)]), document=("haat-mydata.json", document))


def _summary(data: dict[str, Any]) -> list[str]:
    """A few lines beside the file: a phone cannot open JSON easily."""
    seller = data.get("seller")
    if not seller:
        return []
    return [_("Name: {name}").format(name=seller.get("name") or "—"),
            _("Mobile: {phone}").format(phone=seller.get("phone") or "—"),
            _("Steps done: {count}").format(
                count=sum(1 for s in data["steps"] if s["status"] == "done")),
            _("Products: {count}").format(count=len(data["products"])),
            _("Workshop answers: {count}").format(count=len(data["workshops"]))]


def ask_delete(turn: Turn) -> None:
    if turn.row is None:
        turn.say(_("There is nothing stored about you."))
        return
    turn.say(_("Delete everything I have stored about you: profile, answers, progress and "
               "workshop answers? "
               "This cannot be undone."),
             buttons=[[Button(_("🗑 Yes, delete all"), DeleteAnswer("del", "yes").pack()),
                       Button(_("✖ No, keep it"), DeleteAnswer("del", "no").pack())]])


async def delete(turn: Turn, data: DeleteAnswer) -> None:
    answer = data.answer
    if turn.row is None:
        turn.notice = _("There is nothing stored about you.")
        return
    if answer != "yes":
        turn.say(_("OK, nothing was deleted."), edit=True)
        return
    # Their places go to the waiting list; their pending messages are cancelled (and then
    # deleted with the seller row, as their answers are).
    if turn.seller is not None:
        await workshops.forget_seller(turn.session, turn.seller.id, now=utcnow())
    await sellers.delete(turn.session, turn.row)
    # A tester mark goes too (an operator's mark comes back when they next act). A
    # facilitator's role ends and their id leaves what they did; the operators are told
    # (bot.admin.team.forget; the README's "A facilitator's /delete").
    await sellers.unmark_uncounted(turn.session, turn.telegram_id)
    await team.forget(turn.session, turn.telegram_id, turn.settings.admin_ids, utcnow())
    await inbox.forget(turn.session, turn.telegram_id)  # their messages as received
    await presses.forget(turn.session, turn.telegram_id)  # buttons they pressed
    turn.seller = turn.staff_chat = None
    turn.say(_("All your data has been deleted. Send /start if you want to begin again."),
             edit=True, remove_keyboard=False)
