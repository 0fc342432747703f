"""Sending drafts: pick a marketplace (or all), ask for the manufacturer address once if
the profile lacks it, then send each draft as a readable message with its problems
explained in the seller's language, plus the spreadsheet and CSV files."""

from __future__ import annotations

from bot.conversation import forms
from bot.conversation.callbacks import callback
from bot.conversation.forms import Answers, Field, Form
from bot.conversation.turn import Button, Turn
from bot.i18n import N_, _
from bot.listing import drafts, export, products
from bot.listing.drafts import BLOCKING, Draft, SellerFacts
from bot.listing.flow import ProductAction
from bot.parsing.validators import Invalid, Warned, clean_text, normalise_digits, parse_pin
from bot.reference.marketplaces import all_rules
from bot.steps import flow as steps

ADDRESS_FORM = "address"


@callback("dr")
class DraftRequest:
    id: int  # the product
    marketplace: str  # a key of marketplaces.toml, or ALL

ISSUE_TEXT = {
    "no_title": N_("There is no title yet: give the product a name."),
    "devanagari": N_("The title still has Hindi letters; marketplaces need English."),
    "title_long": N_("The title has {length} characters; under {limit} works better in "
                     "search."),
    "promo_removed": N_("Words like “{phrase}” are not allowed in titles, so I left them "
                        "out."),
    "all_caps": N_("Avoid words in ALL CAPITALS in the name."),
    "repeated_words": N_("These words repeat too often in the title: {words}."),
    "feature_contact_or_emoji": N_("A key feature has a phone number, web address or emoji; "
                                   "marketplaces remove those."),
    "check_words": N_("I did not know these words and wrote them in English letters: "
                      "{words}. Please check them."),
    "few_photos": N_("Photos: {count}. At least {minimum} are needed."),
    "photo_small": N_("The main photo is smaller than {minimum} pixels."),
    "photo_zoom": N_("The main photo is under {recommended} pixels: buyers cannot zoom."),
    "main_not_white": N_("The main photo should have a plain white background."),
    "no_hsn": N_("The HSN code is missing: pick a product category."),
    "confirm_gst": N_("Suggested: HSN {hsn}, GST {percent}%. Confirm it with your "
                      "accountant."),
    "no_gstin": N_("This marketplace needs your GSTIN: add it in the GST step (/steps)."),
    "no_gstin_or_eid": N_("This marketplace needs your GSTIN or GST enrolment ID: add it in "
                          "the GST step (/steps)."),
    "no_brand": N_("No brand: add a business name in your profile to use it as the brand."),
    "needs_gtin": N_("Walmart needs a GS1 barcode (GTIN) for each product."),
    "no_address": N_("The manufacturer's address is missing."),
    "no_consumer_care": N_("A consumer care phone or email is missing."),
    "manufacture_date": N_("Print the month and year of manufacture on the pack."),
    "no_mrp": N_("The MRP is missing."),
    "gi_not_claimed": N_("“{gi}” is a GI name: use it only after you register as an "
                         "authorised user."),
    "export_only": N_("Walmart Marketplace is for export: you need IEC and the export steps."),
}
ALL = "all"


def seller_facts(turn: Turn, gst_data: dict | None) -> SellerFacts:
    seller = turn.seller
    assert seller is not None
    gst_data = gst_data or {}
    return SellerFacts(name=seller.name or "", business_name=seller.business_name,
                       district_code=seller.district_code, address=seller.address,
                       phone=seller.phone, email=seller.email, gstin=gst_data.get("gstin"),
                       enrolment_id=gst_data.get("eid"))


def _parse_address(text: str, _answers: Answers) -> str | Warned:
    address = clean_text(text, 300)
    digits = "".join(ch for ch in normalise_digits(address) if ch.isdigit() or ch == " ")
    pins = [part for part in digits.split() if len(part) == 6]
    if not pins or len(address) < 15:
        raise Invalid(_("Please write the full address with the 6-digit PIN code, for example: "
                        "12 Gandhi Road, Firozabad 283203."))
    pin = parse_pin(pins[-1])  # the PIN check: a Delhi PIN on a UP address warns
    return Warned(address, pin.warning) if isinstance(pin, Warned) else address


async def _address_saved(turn: Turn, answers: Answers) -> None:
    turn.seller.address = answers["address"]
    turn.say(_("Address saved ✓"))
    await choose(turn, answers["@product"])


ADDRESS = Form(ADDRESS_FORM, N_("Address"), (
    Field("address", N_("Address"),
          N_("Legal Metrology rules need the maker's full address on every pack and listing. "
             "Please type your workshop address with PIN code."),
          hint=N_("For example: 12 Gandhi Road, Firozabad 283203"), parse=_parse_address,
          max_len=300),), save=_address_saved, confirm=False)


def _marketplaces(turn: Turn) -> list[str]:
    """The marketplaces this seller may get drafts for (Walmart only for exporters)."""
    exporter = turn.seller.wants_export == "yes"
    return [key for key, rules in all_rules().items() if exporter or not rules.export_only]


async def choose(turn: Turn, product_id: int) -> None:
    await products.owned(turn, product_id)
    if not turn.seller.address:
        await forms.start(turn, ADDRESS_FORM, context={"@product": product_id})
        return
    rules = all_rules()
    buttons = [Button(rules[key].name, DraftRequest(product_id, key).pack())
               for key in _marketplaces(turn)]
    rows = [buttons[i:i + 2] for i in range(0, len(buttons), 2)]
    rows.append([Button(_("📝 All of them"), DraftRequest(product_id, ALL).pack())])
    rows.append([Button(_("◀ Back to product"), ProductAction(product_id, "open").pack())])
    turn.say(_("For which marketplace do you want the listing draft?"), buttons=rows)


def explain(draft: Draft) -> str:
    lines = []
    blocking = [i for i in draft.issues if i.severity == BLOCKING]
    advice = [i for i in draft.issues if i.severity != BLOCKING]
    name = draft.rules.name
    if blocking:
        lines.append(_("⛔ {marketplace}: fix these before listing:").format(marketplace=name))
        lines += ["• " + _(ISSUE_TEXT[i.code]).format(**i.params) for i in blocking]
    else:
        lines.append(_("✅ {marketplace}: nothing blocks this listing.").format(marketplace=name))
    if advice:
        lines.append(_("💡 Advice:"))
        lines += ["• " + _(ISSUE_TEXT[i.code]).format(**i.params) for i in advice]
    return "\n".join(lines)


async def send(turn: Turn, data: DraftRequest) -> None:
    product_id = data.id
    product = await products.owned(turn, product_id)
    rules = all_rules()
    allowed = _marketplaces(turn)
    keys = allowed if data.marketplace == ALL else [data.marketplace]
    if any(k not in allowed for k in keys):
        # An unknown key, or the export-only Walmart draft for a non-exporter (crafted).
        turn.notice = _("This button no longer works.")
        return
    gst_row = (await steps.statuses(turn)).get("gst")
    facts = seller_facts(turn, gst_row.data if gst_row else None)
    turn.say(_("Here are your drafts. Copy the English text into the marketplace; the notes "
               "under each draft are for you."))
    built = {}
    for key in keys:
        draft = drafts.build(product["answers"], product["photos"], facts, key)
        built[key] = draft
        turn.say(draft.text())
        turn.say(explain(draft))
    # Files cover all the seller's products, so a facilitator can bulk-upload them.
    everything = [(f"HAAT-{p['id']}", drafts.product_facts(p["answers"], p["photos"], facts))
                  for p in await products.all_of(turn)]
    turn.say(_("Spreadsheet: one sheet per marketplace, one row per product. Columns marked "
               "* (blue) are mandatory."), document=(
        "haat-listings.xlsx", export.products_workbook(everything, keys)))
    for key in keys:
        turn.say(rules[key].name + " CSV", document=(f"haat-{key}.csv", export.csv_file(
            export.drafts_of(everything, key))))
    products.mark_drafts_sent(turn, product_id)
