"""Photos of a product: received in the wizard (checked before the transaction opens, see
``handlers/photos.py``), and reordered or removed from the product's photo screen.

Only Telegram's file ids and the check results are kept, never the image bytes.
"""

from __future__ import annotations

from typing import Any

from bot.conversation import forms
from bot.conversation.callbacks import callback
from bot.conversation.turn import Button, Turn
from bot.db.models import Seller
from bot.i18n import _
from bot.listing import products
from bot.listing.flow import FORM, ProductAction
from bot.listing.photo_checks import FILE_TIP, Problem, advice
from bot.listing.wizard import MAX_PHOTOS
from bot.steps import flow as steps


@callback("ph")
class PhotoAction:
    id: int  # the product
    action: str  # main | rm
    index: int


# ---------------------------------------------------------------- photos after saving

async def screen(turn: Turn, product_id: int) -> None:
    product = await products.owned(turn, product_id)
    photos = product["photos"]
    lines = [_("📷 Photos: {count} of {limit}").format(count=len(photos), limit=MAX_PHOTOS)]
    rows = []
    for i, photo in enumerate(photos):
        mark = _("main") if i == 0 else str(i + 1)
        problems = len(photo.get("problems") or [])
        note = "✓" if not problems else _("⚠️ {count} to improve").format(count=problems)
        lines.append(f"{i + 1}. {mark} — {photo.get('width')}×{photo.get('height')} {note}")
        row = [Button(_("🗑 Remove {n}").format(n=i + 1),
                      PhotoAction(product_id, "rm", i).pack())]
        if i:
            row.insert(0, Button(_("⭐ Make {n} main").format(n=i + 1),
                                 PhotoAction(product_id, "main", i).pack()))
        rows.append(row)
    lines.append(_("To add photos, press ✏️ Edit on the product and go to Photos."))
    rows.append([Button(_("◀ Back to product"), ProductAction(product_id, "open").pack())])
    turn.say("\n".join(lines), buttons=rows)


async def change(turn: Turn, data: PhotoAction) -> None:
    """⭐ Make main / 🗑 Remove. The index is checked against the photos as they are now:
    a double tap or an old screen must not remove a different photo."""
    product = await products.owned(turn, data.id)
    photos = list(product["photos"])
    if data.action not in ("main", "rm") or not 0 <= data.index < len(photos):
        turn.notice = _("This button no longer works.")
    else:
        if data.action == "main":
            photos.insert(0, photos.pop(data.index))
            turn.notice = _("Main photo changed ✓")
        else:
            photos.pop(data.index)
            turn.notice = _("Photo removed ✓")
        await products.set_photos(turn, data.id, photos)
        if photos:
            await steps.done_elsewhere(turn, "photos")
    await screen(turn, data.id)


# ---------------------------------------------------------------- photos in the wizard

MAIN_ONLY = {"background_not_white", "not_square"}
TOO_BIG = "too_big"  # what the adapter hands over for a file over the Bot API's 20 MB


def wants_photo(seller: Seller) -> bool:
    """Is this seller's product form waiting for photos? (Asked before any download.)"""
    turn = Turn(session=None, telegram_id=0, chat_id=0, seller=seller)
    field = forms.waiting_for(turn)
    return field is not None and field.kind == "photos" and forms.current_form(turn) is FORM


def photo_record(file_id: str, unique_id: str, as_file: bool, report) -> dict[str, Any]:
    """What is kept of a photo: Telegram's ids and the check results, not the bytes."""
    return {"file_id": file_id, "file_unique_id": unique_id, "as_file": as_file,
            "width": report.width, "height": report.height,
            "problems": [p.code for p in report.problems],
            "details": [{"code": p.code, "blocking": p.blocking, "params": p.params}
                        for p in report.problems]}


def _small_photo(record: dict[str, Any]) -> bool:
    """Sent as a compressed photo and small: sending it as a file would keep the detail."""
    return not record.get("as_file") and (record.get("width") or 0) < 1000


async def on_photo(turn: Turn, record: dict[str, Any] | None) -> bool:
    """A photo or image file arrived. Returns False when no product is waiting for one."""
    field = forms.waiting_for(turn)
    if field is None or field.kind != "photos" or forms.current_form(turn) is not FORM:
        return False
    if record == TOO_BIG:
        turn.say(_("This picture is too big (20 MB at most). Please send a smaller one, or "
                   "send it as a photo instead of a file."))
        return True
    if record is None:
        turn.say(_("That picture did not arrive. Please send it again."))
        return True
    picked = forms.state_of(turn).get("picked") or []
    if any(p["file_unique_id"] == record["file_unique_id"] for p in picked):
        turn.say(_("You already sent this photo."))
        return True
    main = not picked
    problems = [Problem(d["code"], d["blocking"], d["params"]) for d in record["details"]
                if main or d["code"] not in MAIN_ONLY]
    record = {**record, "problems": [p.code for p in problems],
              "details": [d for d in record["details"] if main or d["code"] not in MAIN_ONLY]}
    lines = [advice(p) for p in problems]
    if any(p.blocking for p in problems):
        turn.say("❌ " + "\n".join(lines))
        return True
    header = _("📷 Main photo received.") if main else _("📷 Photo {n} received.").format(
        n=len(picked) + 1)
    if lines:
        header += "\n" + "\n".join("⚠️ " + line for line in lines)
    elif _small_photo(record) and not any(_small_photo(p) for p in picked):
        header += "\n" + _(FILE_TIP)  # once: the same tip after every photo is noise
    else:
        header += " ✓"
    await forms.add_item(turn, record, ack=header)
    return True
