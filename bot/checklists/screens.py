"""The packing checklist of a product and its tick buttons.

Opened from the product card ("📦 Packing") or from the "Packaging" digitisation step.
The items come from ``checklists.py`` (codes); their words are in ``texts.py``. Ticks are
stored per product (``ticks.py``). The flow is drawn in ``screens.mmd``.
"""

from __future__ import annotations

from typing import Any

from bot.checklists import checklists, services
from bot.checklists.buttons import button
from bot.checklists.checklists import DONE, NOT_NEEDED, Item, Progress
from bot.checklists.texts import ACTION_BUTTONS, GROUP_TITLE, ITEM_TEXT, STATE_MARK
from bot.conversation.navigation import menu_button
from bot.conversation.turn import Button, Turn, fit
from bot.helpdesk import voice
from bot.i18n import _, format_number
from bot.listing.flow import ProductAction
from bot.pricing import calculator
from bot.reference import categories, stated
from bot.reference.gi import gi_for
from bot.reference.marketplaces import all_rules


async def _checklist(turn: Turn, product_id: int) -> services.ProductChecklist:
    return await services.product_checklist(turn.session, turn.seller, product_id)


def _name(product: dict[str, Any]) -> str:
    return product["answers"].get("name") or "?"


def _progress(done: Progress) -> str:
    return _("{done} of {total} done").format(done=done.ticked, total=done.total)


# ---------------------------------------------------------------- screens

async def mine(turn: Turn) -> None:
    """Every product with its checklist progress (from the Packaging step)."""
    every = await services.every_checklist(turn.session, turn.seller)
    if not every:
        turn.say(_("Packing checklists are made per product. Add a product first."),
                 buttons=[[Button(_("➕ New product"), ProductAction(0, "new").pack()),
                           menu_button()]])
        return
    lines = [_("📦 Packing checklists: pick a product.")]
    rows = []
    for checklist in every:
        product = checklist.product
        # The progress in the text: beside a product's name it would not fit a button.
        lines.append(f"• {_name(product)} · {_progress(checklist.progress)}")
        rows.append([button(fit(f"📦 {_name(product)}"), product["id"], "show")])
    rows.append([menu_button()])
    turn.say("\n".join(lines), buttons=rows)


async def show(turn: Turn, product_id: int) -> None:
    checklist = await _checklist(turn, product_id)
    items = checklist.items
    lines = [_("📦 Packing checklist: {name}").format(name=_name(checklist.product)),
             "📋 " + _progress(checklist.progress), ""]
    for group in checklists.GROUPS:
        in_group = [i for i in items if i.group == group]
        if in_group:
            open_count = sum(1 for i in in_group if i.state is None)
            lines.append(_("{group}: {open} open of {total}").format(
                group=_(GROUP_TITLE[group]), open=open_count, total=len(in_group)))
    lines += ["", _("✅ done · ➖ not needed · ⬜ open. Press an item to see what to do.")]
    buttons = [button(f"{STATE_MARK[i.state]} {_(ITEM_TEXT[i.code][0])}", product_id,
                      "item", i.code) for i in items]
    rows = [buttons[i:i + 2] for i in range(0, len(buttons), 2)]
    rows.append([button(_("🖨 Labels"), product_id, "labels")])
    rows.append([Button(_("◀ Back to product"), ProductAction(product_id, "open").pack()),
                 menu_button()])
    turn.say("\n".join(lines), buttons=rows)


def _extra_lines(turn: Turn, checklist: services.ProductChecklist, item: Item) -> list[str]:
    """What an item says about this product in particular."""
    answers = checklist.product["answers"]
    if item.code == "weights":
        parcel = checklists.parcel(answers, checklist.traits, calculator.fee_tables())
        if parcel is None:
            return []
        box = " × ".join(format_number(d) for d in parcel.box_cm)
        rules = all_rules()
        return [_("For this product (estimate): box about {box} cm, volumetric weight "
                  "{volumetric} g, real weight {real} g. Couriers charge for {charged} g.")
                .format(box=box, volumetric=format_number(parcel.volumetric_g),
                        real=format_number(parcel.weight_g),
                        charged=format_number(parcel.chargeable_g))] + [
            _("÷ {divisor} ({marketplaces}): {grams} g").format(
                divisor=divisor, grams=format_number(grams),
                marketplaces=", ".join(_(rules[k].label) for k in keys if k in rules))
            for divisor, grams, keys in parcel.by_divisor]
    if item.code == "brand_name":
        found = checklists.nice_class(answers.get("category"))
        if found is None:
            return [_("Trade mark class for this product: ask your facilitator or an agent.")]
        if found.confidence == "U":
            return [_("Trade mark class that may fit this product: {number}. Not confirmed: "
                      "check it with your facilitator or an agent.").format(number=found.number)]
        return [_("Trade mark class that usually fits this product: {number} (check it in "
                  "the search).").format(number=found.number)]
    if item.code in ("gi_register", "gi_logo"):
        category = categories.category(answers.get("category") or "")
        gi = gi_for(turn.seller.district_code, category.craft_key if category else None)
        if gi is not None:
            return [_("Your GI: {gi}").format(gi=gi.name)]
    return []


async def item(turn: Turn, product_id: int, code: str) -> None:
    checklist = await _checklist(turn, product_id)
    found = checklist.item(code)
    if found is None:  # crafted, or no longer applies after an edit
        turn.notice = _("This button no longer works.")
        await show(turn, product_id)
        return
    # Figures come from reference/data/stated_facts.csv, each with its source and date.
    title, why, how = (stated.fill(_(text)) for text in ITEM_TEXT[code])
    state = {DONE: _("✅ Done"), NOT_NEEDED: _("➖ Not needed"),
             None: _("⬜ Not done yet")}[found.state]
    lines = [f"{title} — {state}", "", _("Why:") + " " + why, "", _("How:"), how]
    if found.marketplace:
        lines += ["", _("This is {marketplace}'s rule; other marketplaces have similar "
                        "ones.").format(marketplace=found.marketplace)]
    extra = _extra_lines(turn, checklist, found)
    if extra:
        lines += [""] + extra
    listen = await voice.listen_button(turn.session, voice.check_screen(code),
                                       turn.seller.district_code)
    rows = [*([listen] if listen else []),
            [button(_("✅ Done"), product_id, DONE, code),
             button(_("➖ Not needed"), product_id, NOT_NEEDED, code)]]
    if found.state is not None:
        rows.append([button(_("↩ Mark as open"), product_id, "undo", code)])
    action = ACTION_BUTTONS.get(found.action)
    if action is not None:
        label, target = action
        if target == "price":
            rows.append([Button(_(label), ProductAction(product_id, "price").pack())])
        else:
            rows.append([button(_(label), product_id, target)])
    rows.append([button(_("◀ Checklist"), product_id, "show"), menu_button()])
    turn.say("\n".join(lines), buttons=rows)


async def tick(turn: Turn, product_id: int, code: str, state: str | None) -> None:
    if not await services.tick(turn.session, turn.seller, product_id, code, state):
        turn.notice = _("This button no longer works.")
        await show(turn, product_id)
        return
    turn.notice = _("Saved ✓")
    await show(turn, product_id)

