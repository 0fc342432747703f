"""The seller's products: /newproduct, /products, the product card and its buttons.

The wizard's questions are in ``wizard.py``; the table in ``products.py``; photos in
``photos.py``. Drafts and prices are computed from the stored answers each time, so an edit
shows up the next time drafts are sent. The flow is drawn in ``flow.mmd``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from bot.conversation import forms
from bot.conversation.callbacks import callback
from bot.conversation.forms import Answers, Form
from bot.conversation.navigation import continue_button, menu_button
from bot.conversation.turn import Button, Turn, fit
from bot.db import sellers
from bot.i18n import N_, _, format_money, format_number, ngettext
from bot.listing import drafts, english_needed, glossary_terms, products, readiness
from bot.listing.wizard import CRAFT, DISTRICT, FIELDS, FORM_KEY, PRODUCT
from bot.reference import phrases
from bot.steps import flow as steps


@callback("pr")
class ProductAction:
    id: int  # 0 where no product is meant yet (new, list)
    action: str


def _button(label: str, product_id: int, action: str) -> Button:
    return Button(label, ProductAction(product_id, action).pack())


def _context(turn: Turn, product_id: int | None = None) -> Answers:
    seller = turn.seller
    assert seller is not None
    context: Answers = {CRAFT: seller.craft_key, DISTRICT: seller.district_code}
    if product_id is not None:
        context[PRODUCT] = product_id
    return context


async def _save(turn: Turn, answers: Answers) -> None:
    product_id = answers.pop(PRODUCT, None)
    photos = answers.pop("photos", None) or []
    clean = {k: v for k, v in answers.items() if not k.startswith("@") and v is not None}
    if photos:
        await steps.done_elsewhere(turn, "photos")
    if product_id is not None and await products.exists(turn, product_id):
        clean[phrases.GIVEN] = await english_needed.given(turn.session, product_id)
        await products.replace_answers(turn, product_id, clean, photos)
        said = _("✅ Product updated.")
    else:  # new, or deleted while being edited: the answers are not lost
        product_id = await products.create(turn, clean, photos)
        said = _("✅ Product saved.")
    assert turn.seller is not None
    if await english_needed.sync(turn.session, turn.seller, product_id, clean):
        said += "\n" + _("✍ Lines I could not put into English went to your facilitator. "
                         "You will get a message.")
    # The summary card the seller just checked becomes the product card, in place.
    await show(turn, product_id, edit=True, prefix=said)


async def _after_cancel(turn: Turn) -> None:
    await show_all(turn)


async def _offer_resume(turn: Turn) -> None:
    """/start with a product half-described: continue it, or start again?"""
    turn.say(_("You have an unfinished product. Continue it, or start again?"),
             buttons=[[continue_button(), _button(_("🔄 Start again"), 0, "fresh")]])


FORM = Form(FORM_KEY, N_("New product"), FIELDS, save=_save, after_cancel=_after_cancel,
            offer_resume=_offer_resume, echo_on_save=False)  # _save shows the card


def _status(product: dict[str, Any], states: list[readiness.Status]) -> str:
    # A gap first: drafts sent with a line missing still need that line.
    if any(issue.severity == drafts.GAP for state in states for issue in state.blockers):
        return _("lines missing in English")
    if product["drafts_sent_at"] is not None:
        return _("drafts sent")
    if not product["photos"]:
        return _("needs photos")
    ready = sum(s.ready for s in states)
    if not ready:
        return _("not ready yet")
    return _("ready: {count} of {total}").format(count=ready, total=len(states))


async def new_product(turn: Turn) -> None:
    if not sellers.profile_complete(turn.seller):
        # Drafts need the district, craft and contact details from the profile.
        turn.say(_("First let us finish your profile: the drafts need your district and "
                   "contact details."))
        form = forms.current_form(turn)
        if form is not None and form.key == sellers.PROFILE_FORM:
            await forms.resume(turn)
        else:
            await forms.start(turn, sellers.PROFILE_FORM)
        return
    if forms.current_form(turn) is FORM:
        await _offer_resume(turn)
        return
    await start_new(turn)


async def start_new(turn: Turn) -> None:
    await forms.start(turn, FORM_KEY, context=_context(turn), prefix=_(
        "Let us describe your product. One question at a time; you can go back, skip what "
        "is optional, and change anything at the end."))


async def start_fresh(turn: Turn) -> None:
    forms.discard(turn)
    await start_new(turn)


async def show_all(turn: Turn) -> None:
    items = await products.all_of(turn)
    lines = [_("📦 Your products")]
    rows = []
    if forms.current_form(turn) is FORM:
        lines.append(_("• (unfinished) — press Continue"))
        rows.append([continue_button()])
    for product in items:
        name = product["answers"].get("name") or "?"
        states = await readiness.of_product(turn, product)
        lines.append(f"• {name} — {_status(product, states)}")
        rows.append([_button(fit(f"📦 {name}"), product["id"], "open")])
    if not items and len(lines) == 1:
        lines.append(_("None yet."))
    rows.append([_button(_("➕ New product"), 0, "new"), menu_button()])
    turn.say("\n".join(lines), buttons=rows)


async def show(turn: Turn, product_id: int, *, edit: bool = False, prefix: str = "") -> None:
    """The product card: its name, status and the few figures a seller looks for; every
    answer behind "ℹ️ More" (``details``). ``edit``: replace the pressed message."""
    product = await products.owned(turn, product_id)
    answers = product["answers"]
    states = await readiness.of_product(turn, product)
    lines = ([prefix] if prefix else []) + [
        f"📦 {answers.get('name', '?')} — {_status(product, states)}"]
    figures = []
    if answers.get("price") is not None:
        figures.append(format_money(answers["price"]))
    if answers.get("mrp") is not None:
        figures.append(_("MRP {mrp}").format(mrp=format_money(answers["mrp"])))
    if answers.get("stock") is not None:
        stock = format_number(Decimal(str(answers["stock"])))
        figures.append(_("{count} in stock").format(count=stock))
    photos = len(product["photos"])
    figures.append(ngettext("{count} photo", "{count} photos", photos).format(count=photos))
    lines.append(" · ".join(figures))
    lines += [readiness.line(s) for s in states]  # one short line per marketplace
    pid = product["id"]
    rows = [[_button(_("📝 Drafts"), pid, "drafts"), _button(_("💰 Price"), pid, "price")],
            [_button(_("✏️ Edit"), pid, "edit"), _button(_("📷 Photos"), pid, "photos")],
            [_button(_("📦 Packing"), pid, "pack"), _button(_("ℹ️ More"), pid, "info")],
            [_button(_("📄 Duplicate"), pid, "copy"), _button(_("🗑 Delete"), pid, "del")],
            [_button(_("📦 All products"), 0, "list"), menu_button()]]
    turn.say("\n".join(lines), buttons=rows, edit=edit)


async def details(turn: Turn, product_id: int) -> None:
    """Every answer of a product, as on the summary card ("ℹ️ More" on the card)."""
    product = await products.owned(turn, product_id)
    answers = product["answers"]
    lines = [f"📦 {answers.get('name', '?')}", ""]
    lines += forms.summary_lines(FORM, {**answers, "photos": product["photos"],
                                        DISTRICT: turn.seller.district_code})
    states = english_needed.line_states(
        answers, await glossary_terms.in_use(turn.session, turn.seller.district_code))
    if states:
        words = {english_needed.RENDERED: _("✅ in English"),
                 english_needed.GIVEN: _("✅ in English, by your facilitator"),
                 english_needed.WAITING: _("👤 with your facilitator")}
        lines += ["", _("Your lines for buyers:")]
        lines += [f"• {line} — {words[state]}" for line, state in states]
    turn.say("\n".join(lines), buttons=[[_button(_("◀ Back to product"), product_id,
                                                  "open")]])


async def reopen(turn: Turn, product_id: int) -> None:
    """A "back to the product" button: the card replaces the message it was pressed on."""
    await show(turn, product_id, edit=True)


async def edit(turn: Turn, product_id: int) -> None:
    product = await products.owned(turn, product_id)
    answers = dict(product["answers"])
    for key in ("care", "garment_size"):  # one text each before they became lists
        if isinstance(answers.get(key), str):
            answers[key] = [answers[key]]
    await forms.start(turn, FORM_KEY, answers={**answers, "photos": product["photos"]},
                      context=_context(turn, product_id))


async def duplicate(turn: Turn, product_id: int) -> None:
    product = await products.owned(turn, product_id)
    answers = dict(product["answers"])
    answers["name"] = (answers.get("name") or "") + _(" (copy)")
    copy_id = await products.create(turn, answers, product["photos"])
    turn.say(_("📄 Copied. Change what differs, for example the colour or size."))
    await edit(turn, copy_id)


async def ask_delete(turn: Turn, product_id: int) -> None:
    await products.owned(turn, product_id)
    turn.say(_("Delete this product? This cannot be undone."),
             buttons=[[_button(_("🗑 Yes, delete"), product_id, "delyes"),
                       _button(_("✖ No"), product_id, "open")]])


async def delete(turn: Turn, product_id: int) -> None:
    await products.owned(turn, product_id)
    await products.remove(turn, product_id)
    turn.say(_("🗑 Product deleted."), edit=True)
    await show_all(turn)
