"""The printable labels: the labels menu, the Legal Metrology label's form, the fragile
sticker and the maker's story card.

The Legal Metrology label asks for the month and year of manufacture every time it is
made, and for whatever else is missing, and is refused until every declaration has a
value; the fragile sticker and the story card need nothing more. Every PDF is sent as a
document.
"""

from __future__ import annotations

from bot.checklists import labels, services, ticks
from bot.checklists.buttons import button
from bot.checklists.checklists import DONE
from bot.checklists.texts import MISSING_TEXT
from bot.conversation import forms
from bot.conversation.forms import Answers, Field, Form
from bot.conversation.navigation import menu_button
from bot.conversation.turn import Button, Turn
from bot.files import pdf
from bot.i18n import N_, _
from bot.listing import products
from bot.listing.drafts_flow import parse_address
from bot.listing.flow import ProductAction
from bot.parsing.labels import (
    parse_best_before,
    parse_fssai,
    parse_month_year,
    show_best_before,
    show_month_year,
)
from bot.parsing.validators import Choice, clean_text
from bot.reference import categories

LABEL_FORM = "label"


async def labels_menu(turn: Turn, product_id: int) -> None:
    product = await products.owned(turn, product_id)
    rows = [[button(_("🏷 Legal label (MRP)"), product_id, "legal")]]
    if "fragile" in services.traits(turn.seller, product["answers"]):
        rows.append([button(_("⚠️ Fragile sticker"), product_id, "sticker")])
    rows.append([button(_("📖 Maker's story card"), product_id, "story")])
    rows.append([button(_("◀ Checklist"), product_id, "show"), menu_button()])
    turn.say(_("Which label do you want to print? You get a PDF for A4 paper (or one label "
               "per page for a label printer)."), buttons=rows)


def _missing_text(codes: tuple[str, ...]) -> str:
    return ", ".join(_(MISSING_TEXT[c]) for c in codes)


async def start_legal(turn: Turn, product_id: int) -> None:
    """Refuse while something is missing; ask what can be asked (month and year always)."""
    content = await services.legal_label(turn.session, turn.seller, product_id)
    product, label, stored = content.product, content.label, content.stored
    fixed = tuple(c for c in label.missing if c not in labels.ASKED)
    if fixed:
        where = (_("Add it in /profile.") if set(fixed) <= set(labels.PROFILE_FIELDS)
                 else _("Edit the product (✏️ Edit) to add it."))
        turn.say(_("⛔ I cannot make the label yet: {missing} is missing. {where}").format(
            missing=_missing_text(fixed), where=where),
            buttons=[[Button(_("◀ Back to product"), ProductAction(product_id, "open")
                             .pack()), menu_button()]])
        return
    asked = tuple(c for c in label.missing if c != "month_year")
    if asked:
        turn.say(_("⛔ The label cannot be printed while this is missing: {missing}. I will "
                   "ask for it now.").format(missing=_missing_text(asked)))
    category = categories.category(product["answers"].get("category") or "")
    # Kept from the last label: best-before and FSSAI rarely change; month/year is asked.
    kept = {key: stored[key] for key in ("best_before", "fssai") if stored.get(key)}
    await forms.start(turn, LABEL_FORM, answers=kept, context={
        "@product": product_id, "@food": category is not None and "food" in category.traits,
        "@ask_address": "address" in label.missing, "@ask_fssai": "fssai" in label.missing,
        "@ask_lot": "lot" in label.missing,
        "@last": stored.get("month_year") or product["answers"].get("packed") or ""})


async def _send_legal(turn: Turn, product_id: int, layout: str, hindi: bool) -> None:
    content = await services.legal_label(turn.session, turn.seller, product_id)
    label, stored = content.label, content.stored
    try:
        box = labels.legal_box(label, hindi)
    except labels.MissingFields as missing:
        turn.say(_("⛔ I cannot make the label yet: {missing} is missing.").format(
            missing=_missing_text(missing.codes)))
        return
    if layout == "1":
        data = pdf.single(box, *pdf.size_of(8), title=label.title)
        caption = _("🏷 Your label, one per page ({width}×{height} mm).").format(
            width=105, height=74)
    else:
        data = pdf.sheet(box, int(layout), title=label.title)
        caption = _("🏷 Your labels: {count} on one A4 sheet. Print at 100% (\"actual "
                    "size\"), cut along the dotted lines.").format(count=layout)
    turn.say(caption, document=(f"haat-label-{product_id}.pdf", data))
    if "fssai_logo" in label.printer_adds:
        # The logo is FSSAI's artwork, which the bot does not have: said, not faked
        # (labels.PRINTER_ADDS_FOR_FOOD). Not ticked: the label is not complete for food yet.
        turn.say(_("⚠️ This food label is not complete yet: it has no FSSAI logo. I cannot "
                   "print the logo, because I do not have FSSAI's official logo file. Ask "
                   "your printer to add the FSSAI logo next to your FSSAI number, on the "
                   "front of the pack, in a colour that stands out from the pack. Print the "
                   "veg or non-veg mark in colour. Then tick \"Legal label (MRP)\" in the "
                   "checklist."))
    else:
        await ticks.set_tick(turn.session, turn.seller.id, product_id, "legal_label", DONE)
    turn.say(_("Check every line before you print many. Made on: {month}.").format(
        month=show_month_year(stored["month_year"]) if stored.get("month_year") else "—"),
             buttons=[[button(_("◀ Checklist"), product_id, "show"), menu_button()]])


def _parse_month_year(text: str, _answers: Answers) -> str:
    return parse_month_year(text)


def _month_choices(answers: Answers) -> list[Choice]:
    last = answers.get("@last")
    if not last:
        return []
    return [Choice(last, _("Same as last time: {month}").format(month=show_month_year(last)))]


def _layout_choices(_answers: Answers) -> list[Choice]:
    return [Choice("8", _("8 per A4 sheet")), Choice("4", _("4 per A4 sheet")),
            Choice("1", _("One per page"))]


def _language_choices(_answers: Answers) -> list[Choice]:
    return [Choice("hi", _("English + Hindi")), Choice("en", _("English only"))]


async def _label_saved(turn: Turn, answers: Answers) -> None:
    product_id = answers["@product"]
    if answers.get("address"):
        turn.seller.address = answers["address"]
    facts = {"month_year": answers["month_year"], "layout": answers["layout"],
             "hindi": answers["languages"] == "hi"}
    for key in ("fssai", "best_before", "lot"):
        if answers.get(key):
            facts[key] = answers[key]
    await ticks.set_label(turn.session, turn.seller.id, product_id, facts)
    await _send_legal(turn, product_id, answers["layout"], answers["languages"] == "hi")


async def _label_cancelled(turn: Turn) -> None:
    turn.say(_("No label made: the label needs every declaration."))


def _food(answers: Answers) -> bool:
    return bool(answers.get("@food"))


LABEL = Form(LABEL_FORM, N_("Label"), (
    Field("month_year", N_("Made in"),
          N_("In which month and year was this batch made (or packed)? It is printed on "
             "the label."),
          hint=N_("For example: 11/2026 or Nov 2026"), parse=_parse_month_year,
          choices=_month_choices),
    Field("address", N_("Address"),
          N_("Legal Metrology rules need the maker's full address on every pack and listing. "
             "Please type your workshop address with PIN code."),
          hint=N_("For example: 12 Gandhi Road, Firozabad 283203"),
          # the drafts' address question stores the same profile field, checked alike
          parse=parse_address, max_len=300,
          shown_when=lambda a: bool(a.get("@ask_address"))),
    Field("fssai", N_("FSSAI number"),
          N_("What is your 14-digit FSSAI registration or licence number?"),
          parse=lambda t, _a: parse_fssai(t),
          shown_when=lambda a: bool(a.get("@ask_fssai"))),
    Field("best_before", N_("Best before"),
          N_("How long does it stay good? Type days or months, or the last month to use it."),
          hint=N_("For example: 15 days, 6 months or 05/2027"),
          parse=lambda t, _a: parse_best_before(t), shown_when=_food,
          show=lambda v, _a: show_best_before(v)),
    Field("lot", N_("Lot number"),
          N_("What is this batch's lot or batch number? Food labels must show it."),
          hint=N_("For example: B-1126"), parse=lambda t, _a: clean_text(t, 30),
          shown_when=lambda a: bool(a.get("@ask_lot")), max_len=30),
    Field("languages", N_("Language"), N_("Which languages on the label?"),
          choices=_language_choices, columns=2),
    Field("layout", N_("Layout"), N_("How do you want to print it?"),
          choices=_layout_choices, columns=2),
), save=_label_saved, confirm=False, after_cancel=_label_cancelled)


async def sticker(turn: Turn, product_id: int) -> None:
    product = await products.owned(turn, product_id)
    if "fragile" not in services.traits(turn.seller, product["answers"]):
        turn.notice = _("This button no longer works.")
        return
    data = pdf.sheet(labels.fragile_box(), 4, title="FRAGILE")
    turn.say(_("⚠️ Fragile stickers, 4 on one A4 sheet (English and Hindi). Stick one on "
               "the top and two sides of the box."),
             document=(f"haat-fragile-{product_id}.pdf", data))
    await ticks.set_tick(turn.session, turn.seller.id, product_id, "fragile_sticker", DONE)
    turn.say(_("Saved ✓"), buttons=[[button(_("◀ Checklist"), product_id, "show"),
                                     menu_button()]])


async def story_card(turn: Turn, product_id: int) -> None:
    """The card's both sides shown first: the seller checks them before anything prints."""
    card = await services.story(turn.session, turn.seller, product_id)
    turn.say(_("📖 Your maker's story card. Check both sides before printing; change "
               "anything that is not right in /profile or in the product.") + "\n\n"
             + "\n\n".join((card.heading, card.english, card.hindi)),
             buttons=[[button(_("🖨 Print the card"), product_id, "storypdf")],
                      [button(_("◀ Checklist"), product_id, "show"), menu_button()]])


async def story_pdf(turn: Turn, product_id: int) -> None:
    card = await services.story(turn.session, turn.seller, product_id)
    turn.say(_("The card to print, 4 on one A4 sheet:"),
             document=(f"haat-story-{product_id}.pdf",
                       pdf.sheet(labels.story_box(card), 4, title=card.heading)))
    await ticks.set_tick(turn.session, turn.seller.id, product_id, "story_card", DONE)
    turn.say(_("Saved ✓"), buttons=[[button(_("◀ Checklist"), product_id, "show"),
                                     menu_button()]])
