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
from bot.listing.draft_notes import english_reason, explain, short_note
from bot.listing.drafts import Draft, SellerFacts
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
          question_args=lambda answers: {"name": answers.get("@brand_shown", "")},
          choices=_name_choices, show=_show_name("@brand_guess"), parse=_parse_latin_name,
          max_len=100,
          shown_when=lambda answers: bool(answers.get("@brand_guess"))),
    Field("maker_en", N_("Your name in English letters"),
          N_("The listing says who made it (“Handmade by …”): {name}\nIs your name spelt "
             "right in English letters? If yes, press the button. If not, type the right "
             "spelling."),
          question_args=lambda answers: {"name": answers.get("@maker_shown", "")},
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
    for guess_key, kind, value in (("@brand_guess", "business", seller.business_name),
                                   ("@maker_guess", "name", seller.name)):
        if not value or names.latin(value) == value:
            continue
        if again or _needs_confirming(seller, kind, value):
            guess = _confirmed(seller, kind, value) or names.latin(value)
            context[guess_key] = guess
            # Each question shows its name as written and as spelt, once: no list above.
            context[guess_key.replace("_guess", "_shown")] = f"{value} → {guess}"
    if len(context) == 1:
        return False
    await forms.start(turn, NAMES_FORM, context=context)
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
    said: dict[str, str] = {}  # a next step said once, then pointed to
    for draft in built:
        turn.say(short_note(draft, said), buttons=[[Button(
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
