"""Sending drafts: pick a marketplace (or all), ask for the manufacturer address once if
the profile lacks it and have the seller confirm once how their business name and their own
name are spelt in English letters; then send the drafts with their problems explained in
the seller's language, plus the spreadsheet and CSV files.

One marketplace: the draft and what to do about it. All of them: one short message per
marketplace (ready, blocked, what to do), what is common to all said once, and the drafts
themselves as one text file, so a phone is not flooded with five long English texts."""

from __future__ import annotations

from bot.conversation import forms
from bot.conversation.callbacks import callback
from bot.conversation.forms import Answers, Field, Form
from bot.conversation.turn import Button, Reply, Turn
from bot.i18n import N_, _
from bot.listing import drafts, export, products, readiness
from bot.listing.drafts import ADVICE, GAP, Draft, Issue, SellerFacts
from bot.listing.flow import ProductAction
from bot.parsing.validators import (
    Choice,
    Invalid,
    Warned,
    clean_text,
    normalise_digits,
    parse_pin,
)
from bot.reference import names
from bot.reference.marketplaces import all_rules
from bot.steps import flow as steps

ADDRESS_FORM = "address"
NAMES_FORM = "names"
NAMES = "names"  # DraftRequest.marketplace: change the English spelling of the names
PHOTOS_ZIP = "zip"  # DraftRequest.marketplace: the product's photos as one ZIP


@callback("dr")
class DraftRequest:
    id: int  # the product
    marketplace: str  # a key of marketplaces.toml, or ALL

@callback("dx")
class DraftExtra:
    id: int  # the product
    marketplace: str
    what: str  # NOTE | SHEET


NOTE, SHEET = "note", "xlsx"

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
    "gap_name": N_("Product name: “{text}”. The title uses the category name instead."),
    "gap_materials": N_("Material: “{text}”"),
    "gap_colours": N_("Colour: “{text}”"),
    "gap_features": N_("Key feature {number}: “{text}”"),
    "gap_care": N_("Care {number}: “{text}”"),
    "missing_attribute": N_("A required detail is empty: {attribute}."),
    "few_photos": N_("Photos: {count}. At least {minimum} are needed."),
    "photo_small": N_("The main photo is smaller than {minimum} pixels."),
    "photo_zoom": N_("The main photo is under {recommended} pixels: buyers cannot zoom."),
    "main_not_white": N_("The main photo should have a plain white background."),
    "main_too_dark": N_("The main photo is too dark: take it again in daylight."),
    "main_washed_out": N_("The main photo is washed out: take it again out of direct sun."),
    "main_pale_on_white": N_("The product is pale on the white background: use a "
                             "darker cloth behind it."),
    "main_blurry": N_("The main photo is blurred: hold the phone still and take it again."),
    "photos_small": N_("Photos {numbers} are smaller than {minimum} pixels: send them as a "
                       "file."),
    "no_hsn": N_("The HSN code is missing: pick a product category."),
    "confirm_gst": N_("Suggested: HSN {hsn}, GST {percent}%. Confirm it with your "
                      "accountant."),
    "check_hsn": N_("HSN {hsn} is our best guess, not confirmed: check the HSN with your CA "
                    "or facilitator."),
    "eid_no_gst": N_("Suggested HSN: {hsn}. On an enrolment ID you may not charge GST: leave "
                     "the GST rate empty."),
    # Flipkart/Amazon/ONDC may take enrolment IDs under notification 34/2023 (unconfirmed):
    # do not say a GSTIN is the only way (audit 2026-11 §2).
    "no_gstin": N_("This marketplace usually asks for a GSTIN: add it in the GST step "
                   "(/steps). With only an enrolment ID, check in the seller panel whether it "
                   "is accepted."),
    "exempt_no_gstin": N_("Your goods are GST-free, so you can sell here without a GSTIN: "
                          "register with your PAN and choose the GST-exempt tax code."),
    "exempt_unconfirmed": N_("Your goods are GST-free, so the law needs no GSTIN from you. We "
                             "could not confirm whether this marketplace accepts that: ask its "
                             "seller support before you register."),
    "eid_unconfirmed": N_("We could not confirm whether this marketplace accepts a GST "
                          "enrolment ID: try it when you register. If it asks for a GSTIN, "
                          "see the GST step (/steps)."),
    "no_gstin_or_eid": N_("This marketplace needs your GSTIN or GST enrolment ID: add it in "
                          "the GST step (/steps)."),
    "no_brand": N_("No brand: add a business name in your profile to use it as the brand."),
    "needs_gtin": N_("Walmart asks for a GS1 barcode (GTIN) for each product. Handmade items "
                     "can instead ask for a GTIN exemption in Seller Center."),
    "us_tax_form": N_("Walmart asks for a US tax form and your business tax ID: W-8BEN-E "
                      "for a company or firm, W-8BEN for a sole proprietor. Ask your CA "
                      "which fits you."),
    "consumer_care_incomplete": N_("Consumer care needs both a phone and an email: add "
                                   "the missing one in /profile."),
    "no_food_label": N_("Food labels need the veg or non-veg mark and the ingredients: add "
                        "them to the product (✏️ Edit)."),
    "no_nutrition": N_("Add the nutrition information to the product (✏️ Edit), unless your "
                       "product is exempt: ask your facilitator."),
    "no_address": N_("The manufacturer's address is missing."),
    "no_consumer_care": N_("A consumer care phone or email is missing."),
    "manufacture_date": N_("Print the month and year of manufacture on the pack."),
    "no_manufacture_date": N_("ONDC needs the month and year it was made or packed: add it "
                              "to the product (✏️ Made or packed)."),
    "no_fssai": N_("Food needs your 14-digit FSSAI licence or registration number on the pack "
                   "and in the listing: add it to the product. Basic registration is on "
                   "foscos.fssai.gov.in."),
    "no_best_before": N_("Food needs a best-before on the pack and in the listing: add it to "
                         "the product."),
    "no_mrp": N_("The MRP is missing."),
    "package_weight": N_("ONDC seller apps reject a package weight that is not above the "
                         "product's own weight. {grams} g is your packed weight: give it as "
                         "the package weight."),
    "gi_not_claimed": N_("“{gi}” is a GI name: use it only after you register as an "
                         "authorised user."),
    "no_export_price": N_("No export price yet: press “💰 Price”, choose Walmart, and use "
                          "the price as the export price."),
    "export_only": N_("Walmart Marketplace is for export: you need IEC and the export steps."),
}
ALL = "all"


_confirmed = readiness.confirmed
seller_facts = readiness.seller_facts  # kept here for callers of the drafts' flow


def parse_address(text: str, _answers: Answers) -> str | Warned:
    address = clean_text(text, 300)
    digits = "".join(ch for ch in normalise_digits(address) if ch in "0123456789 ")
    pins = [part for part in digits.split() if len(part) == 6]
    if not pins or len(address) < 15:
        raise Invalid(_("Please write the full address with the 6-digit PIN code, for example: "
                        "12 Gandhi Road, Firozabad 283203."))
    pin = parse_pin(pins[-1])  # the PIN check: a Delhi PIN on a UP address warns
    return Warned(address, pin.warning) if isinstance(pin, Warned) else address


async def _address_saved(turn: Turn, answers: Answers) -> None:
    turn.seller.address = answers["address"]  # the "✓ <address>" line said it is kept
    await choose(turn, answers["@product"])


ADDRESS = Form(ADDRESS_FORM, N_("Address"), (
    Field("address", N_("Address"),
          N_("Legal Metrology rules need the maker's full address on every pack and listing. "
             "Please type your workshop address with PIN code."),
          hint=N_("For example: 12 Gandhi Road, Firozabad 283203"), parse=parse_address,
          max_len=300),), save=_address_saved, confirm=False)


# ---------------------------------------------------------------- names in English letters

_NAME_FIELDS = {"brand_en": ("business", "business_name"), "maker_en": ("name", "name")}
_KEEP = "ok"  # the button: the suggested spelling is right


def _needs_confirming(seller, kind: str, value: str | None) -> bool:
    """Only a name written in Devanagari is spelt by the bot; Latin is the seller's own."""
    return bool(value) and names.latin(value) != value and _confirmed(seller, kind,
                                                                      value) is None


def _name_choices(_answers: Answers) -> list[Choice]:
    # The spelling is in the question above ("सुनीता देवी → Sunita Devi"): the button only
    # confirms it, short enough for a phone's row whatever the name.
    return [Choice(_KEEP, _("✅ Right"))]


def _show_name(guess_key: str):
    return lambda value, answers: answers.get(guess_key, "") if value == _KEEP else value


def _parse_latin_name(text: str, _answers: Answers) -> str:
    name = clean_text(text, 100)
    if names.latin(name) != name or not any("a" <= ch.lower() <= "z" for ch in name):
        raise Invalid(_("Please type the name in English letters (A to Z), for example: "
                        "Prajapati Glass Works."))
    return name


NAMES_FORM_FIELDS = (
    Field("brand_en", N_("Business name in English letters"),
          N_("Marketplaces show your business name in English letters: {name}\nIs this "
             "spelling right? If yes, press the button. If not, type the right spelling in "
             "English letters."),
          question_args=lambda answers: {"name": answers.get("@brand_guess", "")},
          choices=_name_choices, show=_show_name("@brand_guess"), parse=_parse_latin_name,
          max_len=100,
          shown_when=lambda answers: bool(answers.get("@brand_guess"))),
    Field("maker_en", N_("Your name in English letters"),
          N_("The listing says who made it (“Handmade by …”): {name}\nIs your name spelt "
             "right in English letters? If yes, press the button. If not, type the right "
             "spelling."),
          question_args=lambda answers: {"name": answers.get("@maker_guess", "")},
          choices=_name_choices, show=_show_name("@maker_guess"), parse=_parse_latin_name,
          max_len=100,
          shown_when=lambda answers: bool(answers.get("@maker_guess"))),
)


async def _names_saved(turn: Turn, answers: Answers) -> None:
    seller = turn.seller
    stored = dict(seller.names_en or {})
    for key, (kind, column) in _NAME_FIELDS.items():
        value = answers.get(key)
        if value is None:
            continue
        guess = answers.get("@brand_guess" if key == "brand_en" else "@maker_guess")
        stored[kind] = {"from": getattr(seller, column), "en": guess if value == _KEEP
                        else value}
    seller.names_en = stored
    await choose(turn, answers["@product"],
                 prefix=_("Saved ✓ The drafts will use these spellings."))


ENGLISH_NAMES = Form(NAMES_FORM, N_("Names in English letters"), NAMES_FORM_FIELDS,
                      save=_names_saved, confirm=False)


async def confirm_names(turn: Turn, product_id: int, *, again: bool = False) -> bool:
    """Ask the seller to confirm the English spelling of names written in Devanagari;
    False when there is nothing to ask. ``again``: also the ones confirmed before."""
    seller = turn.seller
    context: Answers = {"@product": product_id}
    lines = []
    for guess_key, kind, value in (("@brand_guess", "business", seller.business_name),
                                   ("@maker_guess", "name", seller.name)):
        if not value or names.latin(value) == value:
            continue
        if again or _needs_confirming(seller, kind, value):
            guess = _confirmed(seller, kind, value) or names.latin(value)
            context[guess_key] = guess
            lines.append(f"{value} → {guess}")
    if len(context) == 1:
        return False
    await forms.start(turn, NAMES_FORM, context=context, prefix=_(
        "Marketplaces need names in English letters. This is how I would write yours:")
        + "\n" + "\n".join(lines))
    return True


def _marketplaces(turn: Turn) -> list[str]:
    return readiness.marketplaces_for(turn.seller)


async def choose(turn: Turn, product_id: int, prefix: str = "") -> None:
    """Which marketplace? (First the address and the names in English, if not known.)
    ``prefix`` heads the question: what was just saved."""
    await products.owned(turn, product_id)
    if not turn.seller.address:
        await forms.start(turn, ADDRESS_FORM, context={"@product": product_id})
        return
    if await confirm_names(turn, product_id):
        return
    rules = all_rules()
    # The short name: "ONDC (seller app)" would crowd a phone's button.
    buttons = [Button(rules[key].short_name, DraftRequest(product_id, key).pack())
               for key in _marketplaces(turn)]
    rows = [buttons[i:i + 2] for i in range(0, len(buttons), 2)]
    rows.append([Button(_("📝 All of them"), DraftRequest(product_id, ALL).pack())])
    if (await products.owned(turn, product_id))["photos"]:
        rows.append([Button(_("🗂 Photos as ZIP"), DraftRequest(product_id, PHOTOS_ZIP).pack())])
    if any(names.latin(v) != v for v in (turn.seller.business_name, turn.seller.name) if v):
        rows.append([Button(_("🔤 Names in English"), DraftRequest(product_id, NAMES).pack())])
    rows.append([Button(_("◀ Back to product"), ProductAction(product_id, "open").pack())])
    turn.say((prefix + "\n\n" if prefix else "")
             + _("For which marketplace do you want the listing draft?"), buttons=rows)


def _line(issue: Issue) -> str:
    line = "• " + _(ISSUE_TEXT[issue.code]).format(**issue.params)
    if issue.severity == GAP and issue.params.get("words"):
        line += "\n  " + _("(I do not know: {words})").format(words=issue.params["words"])
    return line


def english_reason(issue: Issue) -> str:
    """A problem in English for the upload files (the msgids are English). A gap names
    where it is, not the seller's Hindi line: the file must stay English."""
    if issue.severity == GAP:
        return f"{Draft.gap_label(issue)}: not in English yet"
    return ISSUE_TEXT[issue.code].format(**issue.params)


def _key(issue: Issue) -> tuple:
    return issue.code, tuple(sorted((k, str(v)) for k, v in issue.params.items()))


def explain_gaps(gaps: list[Issue]) -> str:
    """What is missing from the English and what the seller can do, in their language."""
    return "\n".join([
        _("⚠️ These lines are NOT in the English draft, because I could not translate "
          "every word. I did not guess:"),
        *(_line(i) for i in gaps),
        _("To add them: ✏️ Edit the product and tick a ready line from the list (the English "
          "is ready), or type the line in English, or ask your facilitator to write it in "
          "English."),
    ])


def explain(draft: Draft, common: frozenset = frozenset()) -> str:
    """The seller's note for one draft; ``common``: issues already said for all drafts."""
    lines = []
    blocking = [i for i in draft.blocking if _key(i) not in common]
    advice = [i for i in draft.issues if i.severity == ADVICE and _key(i) not in common]
    name = _(draft.rules.label)
    if readiness.status(draft).ready:
        lines.append(_("✅ {marketplace}: nothing blocks this listing.").format(marketplace=name))
    elif draft.blocking:
        lines.append(_("⛔ {marketplace}: fix these before listing:").format(marketplace=name))
        lines += [_line(i) for i in blocking]
        if len(blocking) < len(draft.blocking):
            lines.append(_("• and what is listed above for all marketplaces."))
    elif draft.gaps:
        lines.append(_("⚠️ {marketplace}: not ready: some lines are missing from the English "
                       "draft.").format(marketplace=name))
    if draft.gaps and not common:
        lines += ["", explain_gaps(draft.gaps)]
    if advice:
        lines.append(_("💡 Advice:"))
        lines += [_line(i) for i in advice]
    return "\n".join(lines)


def short_note(draft: Draft) -> str:
    """A draft in two lines for the chat: its status and the one thing to do next (the
    first problem that blocks it); the rest is behind "ℹ️ More"."""
    name = _(draft.rules.label)
    if draft.blocking:
        status = _("⛔ {marketplace}: not ready yet.").format(marketplace=name)
        step = _(ISSUE_TEXT[draft.blocking[0].code]).format(**draft.blocking[0].params)
    elif draft.gaps:
        status = _("⚠️ {marketplace}: some lines are not in English yet.").format(
            marketplace=name)
        step = _("✏️ Edit the product and tick a ready line, or type the line in English.")
    else:
        status = _("✅ {marketplace}: nothing blocks this listing.").format(marketplace=name)
        step = _("Copy the English text from the file into the marketplace.")
    others = len(draft.issues) - (1 if draft.blocking else 0)
    lines = [status, "➡ " + step]
    if others > 0:
        lines.append(_("ℹ️ More: {count} other points.").format(count=others))
    return "\n".join(lines)


def sku(product_id: int) -> str:
    return f"HAAT-{product_id}"


def send_photos(turn: Turn, product_id: int, photos: list[dict]) -> None:
    """The checked photos as one ZIP, named as in the spreadsheet (SKU-1.jpg, ...)."""
    if not photos:
        turn.notice = _("This product has no photos yet.")
        return
    code = sku(product_id)
    turn.replies.append(Reply(
        _("Photos of {sku}, named as in the spreadsheet.").format(sku=code),
        zip_of=(f"{code}-photos.zip", [(f"{code}-{n}.jpg", p["file_id"])
                                       for n, p in enumerate(photos, 1)])))


async def send(turn: Turn, data: DraftRequest) -> None:
    product_id = data.id
    product = await products.owned(turn, product_id)
    if data.marketplace == NAMES:
        await confirm_names(turn, product_id, again=True)
        return
    if data.marketplace == PHOTOS_ZIP:
        send_photos(turn, product_id, product["photos"])
        return
    allowed = _marketplaces(turn)
    keys = allowed if data.marketplace == ALL else [data.marketplace]
    if any(k not in allowed for k in keys):
        # An unknown key, or the export-only Walmart draft for a non-exporter (crafted).
        turn.notice = _("This button no longer works.")
        return
    facts = await readiness.facts_of(turn)
    facts_of_product = drafts.product_facts(product["answers"], product["photos"], facts)
    built = [drafts.draft_for(facts_of_product, key) for key in keys]
    if len(built) == 1:
        # One message: the draft as a file to copy from, under it its status and the one
        # thing to do next; the whole note and the spreadsheet on demand.
        draft = built[0]
        turn.say(short_note(draft), document=(f"haat-{draft.rules.key}.txt",
                                             draft.text().encode("utf-8")),
                 buttons=[[Button(_("ℹ️ More"), DraftExtra(product_id, draft.rules.key,
                                                            NOTE).pack()),
                           Button(_("📊 Spreadsheet"), DraftExtra(product_id, draft.rules.key,
                                                                 SHEET).pack())]])
        await _sent(turn, product, built)
        return
    # All of them: every draft in one file, then a short message per marketplace (its
    # status and the one thing to do); each whole note and the spreadsheet on demand.
    turn.say(_("Your drafts for {count} marketplaces: copy the English text from this file.")
             .format(count=len(built)),
             document=("haat-drafts.txt", "\n\n\n".join(d.text() for d in built).encode("utf-8")),
             buttons=[[Button(_("📊 Spreadsheet"), DraftExtra(product_id, ALL, SHEET).pack())]])
    for draft in built:
        turn.say(short_note(draft), buttons=[[Button(
            _("ℹ️ More"), DraftExtra(product_id, draft.rules.key, NOTE).pack())]])
    await _sent(turn, product, built)


async def _sent(turn: Turn, product: dict, built: list[Draft]) -> None:
    products.mark_drafts_sent(turn, product["id"])  # recorded once delivered
    if product["photos"]:
        await steps.done_elsewhere(turn, "photos")
    if product["photos"] and any(readiness.status(d).ready for d in built):
        # The first listing is done when a draft can go live, not merely when sent.
        await steps.done_elsewhere(turn, "first_listing")


async def _spreadsheets(turn: Turn, facts: SellerFacts, keys: list[str]) -> None:
    """The XLSX and a CSV per marketplace. They cover all the seller's products, so a
    facilitator can bulk-upload them."""
    rules = all_rules()
    everything = [(sku(p["id"]), drafts.product_facts(p["answers"], p["photos"], facts))
                  for p in await products.all_of(turn)]
    turn.say(_("Spreadsheet: one sheet per marketplace, one row per product. Columns marked "
               "* (blue) are mandatory. The ONDC sheet uses the column names of ONDC seller "
               "apps; the other sheets are for copying into each marketplace's own form or "
               "template, not for uploading as they are."), document=(
        "haat-listings.xlsx", export.products_workbook(everything, keys, english_reason)))
    for key in keys:
        turn.say(rules[key].name + " CSV", document=(f"haat-{key}.csv", export.csv_file(
            export.drafts_of(everything, key), english_reason)))


async def extra(turn: Turn, data: DraftExtra) -> None:
    """Under a draft's file: "ℹ️ More" (the whole note) or "📊 Spreadsheet" (the files)."""
    product = await products.owned(turn, data.id)
    allowed = _marketplaces(turn)
    every = data.marketplace == ALL and data.what == SHEET  # under "All of them"'s file
    if (data.marketplace not in allowed and not every) or data.what not in (NOTE, SHEET):
        turn.notice = _("This button no longer works.")
        return
    facts = await readiness.facts_of(turn)
    if data.what == SHEET:
        await _spreadsheets(turn, facts, allowed if every else [data.marketplace])
        return
    facts_of_product = drafts.product_facts(product["answers"], product["photos"], facts)
    turn.say(explain(drafts.draft_for(facts_of_product, data.marketplace)),
             buttons=[[Button(_("◀ Back to product"),
                              ProductAction(data.id, "open").pack())]])
