"""The packing checklist of a product, its tick buttons, and the printable labels.

Opened from the product card ("📦 Packing") or from the "Packaging" digitisation step.
The items come from ``checklists.py`` (codes); their words are chosen here. Ticks are
stored per product (``ticks.py``). Labels: the Legal Metrology label asks for the month
and year of manufacture every time it is made, and for whatever else is missing, and is
refused until every declaration has a value; the fragile sticker and the story card need
nothing more. Every PDF is sent as a document. The flow is drawn in ``flow.mmd``.
"""

from __future__ import annotations

from typing import Any

from bot.checklists import checklists, labels, ticks
from bot.checklists.checklists import DONE, NOT_NEEDED, Item
from bot.conversation import forms
from bot.conversation.callbacks import callback
from bot.conversation.forms import Answers, Field, Form
from bot.conversation.navigation import menu_button
from bot.conversation.turn import Button, Turn
from bot.files import pdf
from bot.i18n import N_, _, format_number
from bot.listing import drafts, products
from bot.listing.drafts_flow import _parse_address as parse_address
from bot.listing.drafts_flow import seller_facts
from bot.listing.flow import ProductAction
from bot.parsing.labels import (
    parse_best_before,
    parse_fssai,
    parse_month_year,
    show_best_before,
    show_month_year,
)
from bot.parsing.validators import Choice
from bot.pricing import calculator
from bot.reference import categories
from bot.reference.gi import gi_for
from bot.steps import flow as steps

LABEL_FORM = "label"
NO_ITEM = "-"


@callback("ck")
class ChecklistAction:
    id: int  # the product; 0 for the list of products
    action: str
    item: str  # an item code, or NO_ITEM


def _button(label: str, product_id: int, action: str, item: str = NO_ITEM) -> Button:
    return Button(label, ChecklistAction(product_id, action, item).pack())


# ---------------------------------------------------------------- words for the codes

GROUP_TITLE = {
    checklists.PACK: N_("Packing"),
    checklists.LABEL: N_("Labels and papers"),
    checklists.SHIP: N_("Shipping and claims"),
    checklists.EXPORT_GROUP: N_("Export"),
    checklists.BRAND: N_("Your brand"),
}

# code -> (title, why, how). Titles are button labels: short.
ITEM_TEXT: dict[str, tuple[str, str, str]] = {
    "wrap_each": (
        N_("Wrap each piece"),
        N_("Pieces that touch each other break in transit."),
        N_("• Wrap every piece on its own in bubble wrap or 2–3 layers of paper.\n"
           "• Fill hollow parts (a vase's inside) with crumpled paper.\n"
           "• Bubble wrap and kraft paper: packaging shops or online.")),
    "box_in_box": (
        N_("Box inside a box"),
        N_("A second box with padding takes the knocks that break glass and clay."),
        N_("• Inner box: the item fits snugly and does not move when shaken.\n"
           "• Outer box: about 15 cm bigger, with 5 cm of padding on every side.\n"
           "• Use a 5-ply corrugated outer box; 3-ply is too weak for glass.\n"
           "• Padding: honeycomb paper, moulded pulp or crumpled kraft paper.")),
    "drop_test": (
        N_("Drop test"),
        N_("Marketplaces expect a parcel to survive a 3 ft (about 1 m) drop."),
        N_("• Pack one parcel as you would ship it.\n"
           "• Drop it from about 3 ft on the base, the top, a long side, a short side and "
           "a corner.\n"
           "• Open it: nothing may be broken or loose. If it is, add padding and try again.")),
    "fragile_sticker": (
        N_("Fragile sticker"),
        N_("Couriers handle a marked box more carefully, and it helps a damage claim."),
        N_("• Stick FRAGILE / THIS SIDE UP on two sides and the top.\n"
           "• I can make the sticker for you in English and Hindi: press the button below.")),
    "textile_fold": (
        N_("Fold with tissue"),
        N_("Creases, dust and colour stains are the most common textile complaints."),
        N_("• Fold with acid-free tissue paper between the folds.\n"
           "• Put it in a clean poly bag or cloth bag, then in a box or courier bag.\n"
           "• Roll carpets and durries; do not fold them sharply.\n"
           "• Add a wash-care label.")),
    "keep_dry": (
        N_("Keep it dry"),
        N_("Damp causes mould, stains and warped wood on the way."),
        N_("• Add 1–2 silica gel sachets in humid months or for long routes.\n"
           "• Make sure the piece is fully dry before packing.\n"
           "• Keep the packed parcel off the floor.")),
    "leak_proof": (
        N_("Leak-proof bottle"),
        N_("One leaking bottle spoils the parcel and brings a return."),
        N_("• Cap with an inner plug, and a shrink band over the cap.\n"
           "• Wrap each bottle in an absorbent pad, then a zip bag.\n"
           "• Pack upright in a box with partitions.\n"
           "• Mark THIS SIDE UP.")),
    "dangerous_goods": (
        N_("Flammable: DG rules"),
        N_("Alcohol-based perfume is flammable (UN1266, class 3): it may not go by air "
           "without a dangerous-goods declaration."),
        N_("• Ship by surface (road) in India; tell the courier it is perfume.\n"
           "• By air or abroad only with a carrier that accepts dangerous goods, UN "
           "packaging and a safety data sheet (SDS).\n"
           "• Never hide it as something else: it can be fined and seized.")),
    "flash_point": (
        N_("Check the flash point"),
        N_("Oil-based attar may not count as flammable, but carriers ask for proof before "
           "air or export shipping."),
        N_("• Ask your oil supplier for the safety data sheet (SDS).\n"
           "• Flash point above 60 °C: usually not dangerous goods. At or below: ship it as "
           "flammable (DG).\n"
           "• Keep the SDS with your papers; this is a rule to check with your carrier.")),
    "food_grade": (
        N_("Food-grade packing"),
        N_("Food must be packed so it stays clean and fresh."),
        N_("• Use food-grade containers or pouches, sealed.\n"
           "• Pack in a clean, dry place.\n"
           "• No wrapping film on sweet boxes: it is a banned single-use plastic.")),
    "corner_guards": (
        N_("Corner guards"),
        N_("Corners and edges take the knocks; dents and chips are returned."),
        N_("• Put cardboard or foam corner guards on every corner.\n"
           "• Wrap carved parts and handles separately.\n"
           "• Fill empty space so the piece cannot slide.")),
    "anti_tarnish": (
        N_("Anti-tarnish wrap"),
        N_("Brass and silver darken in damp air before they reach the buyer."),
        N_("• Wrap in anti-tarnish paper or a sealed zip bag.\n"
           "• Do not touch the polished surface with bare hands before packing.")),
    "heavy_box": (
        N_("Heavy or big parcel"),
        N_("Heavy parcels burst open or get dropped; couriers charge by size too."),
        N_("• 5-ply or 7-ply box, taped in an H on top and bottom; strap it if over 10 kg.\n"
           "• Write the weight on the box.\n"
           "• Ask the courier about their size and weight limits first.")),
    "tamper_proof": (
        N_("Seal valuable parcels"),
        N_("Costly pieces are the ones that go missing or get swapped."),
        N_("• Use tamper-evident tape or security bags.\n"
           "• Write down the serial or take a photo of the piece before sealing.\n"
           "• Check if the marketplace offers open-box delivery or insurance.")),
    "plastic_rules": (
        N_("Plastic rules"),
        N_("Single-use plastics are banned since 1 July 2022; a fine can follow."),
        N_("• No thermocol for decoration, no wrapping film on sweet boxes.\n"
           "• Plastic carry bags at least 120 micron; plastic sheet covers at least 50 "
           "micron.\n"
           "• Better: kraft corrugated boxes, honeycomb paper, moulded pulp, jute or cloth "
           "bags.")),
    "epr": (
        N_("EPR for plastic"),
        N_("Brand owners who use plastic packaging may need EPR registration under the "
           "Plastic Waste Management Rules."),
        N_("• Micro and small brand owners are excluded from EPR obligations (check it "
           "for your case).\n"
           "• If your business grows, register on the CPCB EPR portal (your state board if "
           "you sell in 1–2 states).\n"
           "• Not sure if you count as a brand owner? Ask your facilitator.")),
    "legal_label": (
        N_("Legal Metrology label"),
        N_("Every retail pack needs these declarations; listings without them are taken "
           "down."),
        N_("• Maker's name and address, product name, net quantity, MRP (incl. of all "
           "taxes), month and year of manufacture, consumer care, country of origin.\n"
           "• I fill the label from your profile and product: press the button below.")),
    "unit_price": (
        N_("Unit sale price"),
        N_("Goods sold by ml or g must show the price per unit (since 1 Jan 2024)."),
        N_("• Example: ₹300 for 10 ml is ₹30.00 per ml; ₹250 for 500 g is ₹50.00 per "
           "100 g.\n"
           "• The label I make prints it for you.")),
    "fssai": (
        N_("FSSAI number"),
        N_("Every food seller needs an FSSAI registration or licence; the 14-digit number "
           "goes on the pack."),
        N_("• Turnover up to ₹12 lakh: basic registration on FoSCoS (foscos.fssai.gov.in), "
           "Form A, from ₹100 a year.\n"
           "• Print the number with the FSSAI logo. I ask for it when I make the label.")),
    "best_before": (
        N_("Best before"),
        N_("Food labels must say until when it is good to eat."),
        N_("• Decide how long it keeps (for example 15 days, or 6 months).\n"
           "• I print it on the label from the month it was made.")),
    "invoice_slip": (
        N_("Invoice, packing slip"),
        N_("The buyer and the courier need them; a missing invoice delays payment."),
        N_("• Print the invoice from the marketplace panel; it carries your GSTIN.\n"
           "• Put the invoice and a packing slip (what is inside) in the parcel, or in a "
           "pouch on it.")),
    "weights": (
        N_("Parcel weight"),
        N_("Couriers charge for the higher of the real weight and the volumetric weight."),
        N_("• Volumetric weight (kg) = length × width × height of the box (cm) ÷ 5000.\n"
           "• Weigh the packed parcel; use the smallest box that protects the piece.\n"
           "• Put the packing cost and the shipping fee into your price.")),
    "packing_video": (
        N_("Packing video"),
        N_("A video of the packing wins claims when a buyer says the box was empty or "
           "broken."),
        N_("• Record one video without a break: the product, packing, sealing and the "
           "label with the order ID.\n"
           "• Keep it until the return window is over.")),
    "unboxing_video": (
        N_("Unboxing video"),
        N_("Without it a damaged or wrong return cannot be claimed."),
        N_("• When a return arrives, record opening it in one video, label and order ID "
           "visible.\n"
           "• Raise the claim within 7 days of the return's delivery, with the video, a "
           "photo and the return waybill.")),
    "ispm15": (
        N_("ISPM-15 wood packing"),
        N_("Solid-wood crates and pallets for export must be heat-treated and marked, or "
           "the shipment is stopped."),
        N_("• Crates, pallets and wooden dunnage: heat treatment (56 °C core for 30 "
           "minutes) with the IPPC stamp (IN-xxx-HT).\n"
           "• Plywood, MDF and cardboard are exempt.\n"
           "• Buy treated crates from an approved supplier; ask for the certificate.")),
    "export_papers": (
        N_("Export papers"),
        N_("Customs and the buyer's country need them for every shipment."),
        N_("• Commercial invoice and packing list with the HS code and \"Made in India\".\n"
           "• Your IEC, and the LUT if you export without paying IGST.\n"
           "• Label each box: sender, buyer, box number and weight.")),
    "brand_name": (
        N_("Brand name check"),
        N_("Your brand is what buyers remember; someone else's trade mark can get your "
           "listing removed."),
        N_("• Search your name on tmrsearch.ipindia.gov.in before printing labels.\n"
           "• ™ can be used while the mark is not registered; ® only after registration "
           "(misuse is an offence).\n"
           "• Fee per class: ₹4,500 online for individuals and small enterprises (Udyam "
           "certificate as proof), ₹9,000 for others.")),
    "logo_label": (
        N_("Logo and label"),
        N_("A simple, clear logo makes your parcel and listing look trustworthy."),
        N_("• One or two colours; readable when small.\n"
           "• Put the brand name the same way on the label, box and listing.\n"
           "• No GI or ODOP logo unless you are allowed to use it.")),
    "story_card": (
        N_("Maker's story card"),
        N_("A short story of who made it and where turns a parcel into a gift."),
        N_("• Put the card in every parcel; use the same words in your listing.\n"
           "• I draft it from your profile in English and Hindi: press the button below.")),
    "gi_register": (
        N_("GI authorised user"),
        N_("Only registered authorised users may use the GI name."),
        N_("• Apply with Form GI-3A at the GI Registry; the fee is ₹10.\n"
           "• No consent from the GI owner is needed since 2020.\n"
           "• Until then do not use the GI name or logo on labels or listings.")),
    "gi_logo": (
        N_("GI name and logo"),
        N_("As an authorised user you may name the GI; the GI logo needs permission."),
        N_("• Write the GI name with your authorised user number.\n"
           "• The national GI logo may be printed only with DPIIT's permission.")),
}
STATE_MARK = {DONE: "✅", NOT_NEEDED: "➖", None: "⬜"}

MISSING_TEXT = {
    "manufacturer": N_("maker's name (your profile)"),
    "address": N_("maker's address"),
    "generic_name": N_("product category"),
    "net_quantity": N_("net quantity"),
    "mrp": N_("MRP"),
    "month_year": N_("month and year of manufacture"),
    "best_before": N_("best before"),
    "fssai": N_("FSSAI number"),
    "consumer_care": N_("consumer care phone or email (your profile)"),
}


# ---------------------------------------------------------------- reading a product

async def _product(turn: Turn, product_id: int) -> tuple[dict[str, Any], list[Item]]:
    product = await products.owned(turn, product_id)
    tick_map, _label = await ticks.load(turn, product_id)
    return product, checklists.checklist(_traits(turn, product), tick_map)


def _traits(turn: Turn, product: dict[str, Any]) -> frozenset[str]:
    seller = turn.seller
    return checklists.traits_of(product["answers"], seller.district_code,
                                seller.wants_export == "yes")


def _name(product: dict[str, Any]) -> str:
    return product["answers"].get("name") or "?"


def _progress(items: list[Item]) -> str:
    done = checklists.progress(items)
    return _("{done} of {total} done").format(done=done.ticked, total=done.total)


# ---------------------------------------------------------------- screens

async def mine(turn: Turn) -> None:
    """Every product with its checklist progress (from the Packaging step)."""
    items = await products.all_of(turn)
    if not items:
        turn.say(_("Packing checklists are made per product. Add a product first."),
                 buttons=[[Button(_("➕ New product"), ProductAction(0, "new").pack()),
                           menu_button()]])
        return
    lines = [_("📦 Packing checklists: pick a product.")]
    rows = []
    for product in items:
        tick_map, _label = await ticks.load(turn, product["id"])
        checklist = checklists.checklist(_traits(turn, product), tick_map)
        rows.append([_button(f"📦 {_name(product)[:30]} · {_progress(checklist)}",
                             product["id"], "show")])
    rows.append([menu_button()])
    turn.say("\n".join(lines), buttons=rows)


async def show(turn: Turn, product_id: int) -> None:
    product, items = await _product(turn, product_id)
    lines = [_("📦 Packing checklist: {name}").format(name=_name(product)),
             "📋 " + _progress(items), ""]
    for group in checklists.GROUPS:
        in_group = [i for i in items if i.group == group]
        if in_group:
            open_count = sum(1 for i in in_group if i.state is None)
            lines.append(_("{group}: {open} open of {total}").format(
                group=_(GROUP_TITLE[group]), open=open_count, total=len(in_group)))
    lines += ["", _("✅ done · ➖ not needed · ⬜ open. Press an item to see what to do.")]
    buttons = [_button(f"{STATE_MARK[i.state]} {_(ITEM_TEXT[i.code][0])}", product_id,
                       "item", i.code) for i in items]
    rows = [buttons[i:i + 2] for i in range(0, len(buttons), 2)]
    rows.append([_button(_("🖨 Labels"), product_id, "labels")])
    rows.append([Button(_("◀ Back to product"), ProductAction(product_id, "open").pack()),
                 menu_button()])
    turn.say("\n".join(lines), buttons=rows)


def _extra_lines(turn: Turn, product: dict[str, Any], item: Item) -> list[str]:
    """What an item says about this product in particular."""
    answers = product["answers"]
    if item.code == "weights":
        parcel = checklists.parcel(answers, _traits(turn, product),
                                   calculator.fee_tables())
        if parcel is None:
            return []
        box = " × ".join(format_number(d) for d in parcel.box_cm)
        return [_("For this product (estimate): box about {box} cm, volumetric weight "
                  "{volumetric} g, real weight {real} g. Couriers charge for {charged} g.")
                .format(box=box, volumetric=format_number(parcel.volumetric_g),
                        real=format_number(parcel.weight_g),
                        charged=format_number(parcel.chargeable_g))]
    if item.code == "brand_name":
        number = checklists.nice_class(answers.get("category"))
        if number is None:
            return [_("Trade mark class for this product: ask your facilitator or an agent.")]
        return [_("Trade mark class that usually fits this product: {number} (check it in "
                  "the search).").format(number=number)]
    if item.code in ("gi_register", "gi_logo"):
        category = categories.category(answers.get("category") or "")
        gi = gi_for(turn.seller.district_code, category.craft_key if category else None)
        if gi is not None:
            return [_("Your GI: {gi}").format(gi=gi.name)]
    return []


async def item(turn: Turn, product_id: int, code: str) -> None:
    product, items = await _product(turn, product_id)
    found = next((i for i in items if i.code == code), None)
    if found is None:  # crafted, or no longer applies after an edit
        turn.notice = _("This button no longer works.")
        await show(turn, product_id)
        return
    title, why, how = (_(text) for text in ITEM_TEXT[code])
    state = {DONE: _("✅ Done"), NOT_NEEDED: _("➖ Not needed"),
             None: _("⬜ Not done yet")}[found.state]
    lines = [f"{title} — {state}", "", _("Why:") + " " + why, "", _("How:"), how]
    if found.marketplace:
        lines += ["", _("This is {marketplace}'s rule; other marketplaces have similar "
                        "ones.").format(marketplace=found.marketplace)]
    extra = _extra_lines(turn, product, found)
    if extra:
        lines += [""] + extra
    rows = [[_button(_("✅ Done"), product_id, DONE, code),
             _button(_("➖ Not needed"), product_id, NOT_NEEDED, code)]]
    if found.state is not None:
        rows.append([_button(_("↩ Mark as open"), product_id, "undo", code)])
    action = ACTION_BUTTONS.get(found.action)
    if action is not None:
        label, target = action
        if target == "price":
            rows.append([Button(_(label), ProductAction(product_id, "price").pack())])
        else:
            rows.append([_button(_(label), product_id, target)])
    rows.append([_button(_("◀ Checklist"), product_id, "show"), menu_button()])
    turn.say("\n".join(lines), buttons=rows)


ACTION_BUTTONS = {
    checklists.FRAGILE_STICKER: (N_("🖨 Make the sticker"), "sticker"),
    checklists.LEGAL_LABEL: (N_("🖨 Make the label"), "legal"),
    checklists.STORY_CARD: (N_("🖨 Make the card"), "story"),
    checklists.PRICE: (N_("💰 Price calculator"), "price"),
}


async def tick(turn: Turn, product_id: int, code: str, state: str | None) -> None:
    _product_row, items = await _product(turn, product_id)
    if code not in {i.code for i in items}:
        turn.notice = _("This button no longer works.")
        await show(turn, product_id)
        return
    await ticks.set_tick(turn, product_id, code, state)
    turn.notice = _("Saved ✓")
    await show(turn, product_id)


# ---------------------------------------------------------------- labels

async def labels_menu(turn: Turn, product_id: int) -> None:
    product = await products.owned(turn, product_id)
    rows = [[_button(_("🏷 Legal Metrology label"), product_id, "legal")]]
    if "fragile" in _traits(turn, product):
        rows.append([_button(_("⚠️ Fragile sticker"), product_id, "sticker")])
    rows.append([_button(_("📖 Maker's story card"), product_id, "story")])
    rows.append([_button(_("◀ Checklist"), product_id, "show"), menu_button()])
    turn.say(_("Which label do you want to print? You get a PDF for A4 paper (or one label "
               "per page for a label printer)."), buttons=rows)


async def _facts(turn: Turn, product: dict[str, Any]) -> drafts.ProductFacts:
    gst_row = (await steps.statuses(turn)).get("gst")
    return drafts.product_facts(product["answers"], product["photos"],
                                seller_facts(turn, gst_row.data if gst_row else None))


def _missing_text(codes: tuple[str, ...]) -> str:
    return ", ".join(_(MISSING_TEXT[c]) for c in codes)


async def start_legal(turn: Turn, product_id: int) -> None:
    """Refuse while something is missing; ask what can be asked (month and year always)."""
    product = await products.owned(turn, product_id)
    _ticks, stored = await ticks.load(turn, product_id)
    label = labels.legal_label(await _facts(turn, product), stored)
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
        "@last": stored.get("month_year") or product["answers"].get("packed") or ""})


async def _send_legal(turn: Turn, product_id: int, layout: str, hindi: bool) -> None:
    product = await products.owned(turn, product_id)
    _ticks, stored = await ticks.load(turn, product_id)
    label = labels.legal_label(await _facts(turn, product), stored)
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
    await ticks.set_tick(turn, product_id, "legal_label", DONE)
    turn.say(_("Check every line before you print many. Made on: {month}.").format(
        month=show_month_year(stored["month_year"]) if stored.get("month_year") else "—"),
             buttons=[[_button(_("◀ Checklist"), product_id, "show"), menu_button()]])


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
    for key in ("fssai", "best_before"):
        if answers.get(key):
            facts[key] = answers[key]
    await ticks.set_label(turn, product_id, facts)
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
    Field("languages", N_("Language"), N_("Which languages on the label?"),
          choices=_language_choices, columns=2),
    Field("layout", N_("Layout"), N_("How do you want to print it?"),
          choices=_layout_choices, columns=2),
), save=_label_saved, confirm=False, after_cancel=_label_cancelled)


async def sticker(turn: Turn, product_id: int) -> None:
    product = await products.owned(turn, product_id)
    if "fragile" not in _traits(turn, product):
        turn.notice = _("This button no longer works.")
        return
    data = pdf.sheet(labels.fragile_box(), 4, title="FRAGILE")
    turn.say(_("⚠️ Fragile stickers, 4 on one A4 sheet (English and Hindi). Stick one on "
               "the top and two sides of the box."),
             document=(f"haat-fragile-{product_id}.pdf", data))
    await ticks.set_tick(turn, product_id, "fragile_sticker", DONE)
    turn.say(_("Saved ✓"), buttons=[[_button(_("◀ Checklist"), product_id, "show"),
                                     menu_button()]])


async def story_card(turn: Turn, product_id: int) -> None:
    product = await products.owned(turn, product_id)
    seller = turn.seller
    card = labels.story(await _facts(turn, product), seller.name or "", seller.craft_key,
                        seller.craft_text)
    turn.say(_("📖 Your maker's story card. Use the same words in your listing; change "
               "anything that is not right in /profile.") + "\n\n"
             + "\n\n".join((card.heading, card.english, card.hindi)))
    turn.say(_("The card to print, 4 on one A4 sheet:"),
             document=(f"haat-story-{product_id}.pdf",
                       pdf.sheet(labels.story_box(card), 4, title=card.heading)))
    await ticks.set_tick(turn, product_id, "story_card", DONE)
    turn.say(_("Saved ✓"), buttons=[[_button(_("◀ Checklist"), product_id, "show"),
                                     menu_button()]])


# ---------------------------------------------------------------- the buttons

async def on_button(turn: Turn, data: ChecklistAction) -> None:
    action = ACTIONS.get(data.action)
    if action is None:
        turn.notice = _("This button no longer works.")
        return
    await action(turn, data)


ACTIONS = {
    "mine": lambda turn, _d: mine(turn),
    "show": lambda turn, d: show(turn, d.id),
    "item": lambda turn, d: item(turn, d.id, d.item),
    DONE: lambda turn, d: tick(turn, d.id, d.item, DONE),
    NOT_NEEDED: lambda turn, d: tick(turn, d.id, d.item, NOT_NEEDED),
    "undo": lambda turn, d: tick(turn, d.id, d.item, None),
    "labels": lambda turn, d: labels_menu(turn, d.id),
    "legal": lambda turn, d: start_legal(turn, d.id),
    "sticker": lambda turn, d: sticker(turn, d.id),
    "story": lambda turn, d: story_card(turn, d.id),
}


def open_all_button() -> Button:
    """For the Packaging step: every product's checklist."""
    return _button(_("📦 Packing checklists"), 0, "mine")
