"""The listing wizard and the seller's products (/newproduct, /products).

The wizard is one form (``bot.forms``). Its answers are stored as they are on the product
row; drafts, spreadsheets and prices are computed from them each time, so an edit shows
up the next time drafts are sent.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import delete, insert, select, update

from bot.conversation import forms
from bot.conversation.forms import Answers, Choice, Field, Form, Suggest
from bot.conversation.turn import Button, Turn
from bot.db.models import Product, utcnow
from bot.i18n import N_, _, format_money, format_number, get_locale
from bot.listing.photo_checks import FILE_TIP
from bot.parsing.quantities import (
    METRES,
    MILLILITRES,
    parse_count,
    parse_dimensions,
    parse_grams,
    parse_measure,
    parse_rupees,
)
from bot.parsing.validators import Invalid, clean_text
from bot.reference import categories
from bot.reference.gi import gi_for

FORM_KEY = "listing"
PRODUCT = "@product"  # context key: the product being edited (absent for a new one)
DISTRICT = "@district"
MAX_PHOTOS = 8
MAX_FEATURES = 5
TABLE = Product.__table__


# ---------------------------------------------------------------- category

def _category_choices(answers: Answers) -> list[Choice]:
    locale = get_locale()
    return [Choice(c.key, c.name(locale)) for c in categories.for_craft(answers.get("@craft"))]


def _parse_category(text: str, answers: Answers) -> str:
    if categories.category(text) is not None:
        return text  # a "did you mean" button
    wanted = forms.fold(clean_text(text, 60))
    found = [c for c in categories.categories()
             if wanted and (wanted in forms.fold(c.name_en) or wanted in forms.fold(c.name_hi))]
    if len(found) == 1:
        return found[0].key
    if found:
        raise Suggest(_("Did you mean one of these?"),
                      [Choice(c.key, c.name(get_locale())) for c in found[:6]])
    raise Invalid(_("Please pick the closest kind of product from the list."))


def _show_category(key: str, _answers: Answers) -> str:
    category = categories.category(key)
    return category.name(get_locale()) if category else key


def size_kind(answers: Answers) -> str | None:
    category = categories.category(answers.get("category") or "")
    return category.size_kind if category else None


def _kind_is(kind: str):
    return lambda answers: size_kind(answers) == kind


# ---------------------------------------------------------------- other fields

def _text(limit: int):
    return lambda text, _answers: clean_text(text, limit)


def _parse_price(text: str, _answers: Answers) -> str:
    return str(parse_rupees(text))


def _parse_mrp(text: str, answers: Answers) -> str:
    mrp = parse_rupees(text)
    price = Decimal(answers.get("price") or 0)
    if mrp < price:
        raise Invalid(_("The MRP cannot be less than your price ({price}). Please type the "
                        "MRP again.").format(price=format_money(price)))
    return str(mrp)


def _show_money(value: str, _answers: Answers) -> str:
    return format_money(Decimal(value))


def _show_dims(value: list[float], _answers: Answers) -> str:
    return " × ".join(f"{v:g}" for v in value) + " cm"


def _yes_no(_answers: Answers) -> list[Choice]:
    return [Choice("yes", _("Yes")), Choice("no", _("No"))]


def _gi_choices(_answers: Answers) -> list[Choice]:
    return [Choice("yes", _("Yes, I am registered")), Choice("no", _("No")),
            Choice("unsure", _("I am not sure"))]


def _has_gi(answers: Answers) -> bool:
    category = categories.category(answers.get("category") or "")
    return category is not None and gi_for(answers.get(DISTRICT), category.craft_key) is not None


def _garment_sizes(_answers: Answers) -> list[Choice]:
    return [Choice(s, s) for s in ("XS", "S", "M", "L", "XL", "XXL", "3XL")] + [
        Choice("free", _("Free size"))]


def _show_features(value: list[str], _answers: Answers) -> str:
    return "\n" + "\n".join(f"{i}. {item}" for i, item in enumerate(value, 1))


def _show_photos(value: list[dict[str, Any]], _answers: Answers) -> str:
    return _("{count} (the first is the main photo)").format(count=len(value))


FIELDS = (
    Field("category", N_("Category"),
          N_("What kind of product is it? Pick the closest; your craft's kinds come first."),
          parse=_parse_category, choices=_category_choices, page_size=8, columns=1,
          show=_show_category, resets=("gi",)),
    Field("name", N_("Product name"),
          N_("What do you call this product? Use your own words, in Hindi or English."),
          hint=N_("For example: पीतल का दीया, or Brass diya"), parse=_text(120), max_len=120),
    Field("materials", N_("Material"), N_("What is it made of?"),
          hint=N_("For example: brass, cotton, sheesham wood"), parse=_text(100), max_len=100),
    Field("colours", N_("Colour"), N_("What colour is it? If there are several, write them all."),
          hint=N_("For example: golden, red and green"), parse=_text(80), max_len=80),
    Field("size_dims", N_("Size"), N_("What is its size? Type length × width × height in cm."),
          hint=N_("For example: 30x20x10"), parse=lambda t, _a: parse_dimensions(t),
          shown_when=_kind_is("dims"), show=_show_dims),
    Field("garment_size", N_("Size"), N_("Which size is it?"), choices=_garment_sizes,
          columns=4, shown_when=_kind_is("garment")),
    Field("saree_length", N_("Length"), N_("How long is the saree, in metres?"),
          hint=N_("For example: 5.5 m, or 6.3 m with blouse piece"),
          parse=lambda t, _a: parse_measure(t, METRES, 1.0, low=1, high=10, example="5.5 m"),
          shown_when=_kind_is("saree"), show=lambda v, _a: f"{v:g} m"),
    Field("volume_ml", N_("Quantity"), N_("How many ml are in one bottle or pack?"),
          hint=N_("For example: 10 ml"),
          parse=lambda t, _a: parse_measure(t, MILLILITRES, 1.0, low=1, high=5000,
                                            example="10 ml"),
          shown_when=_kind_is("volume"), show=lambda v, _a: f"{v:g} ml"),
    Field("weight_g", N_("Weight"), N_("How much does one piece weigh, packed?"),
          hint=N_("For example: 500 g or 1.5 kg"), parse=lambda t, _a: parse_grams(t),
          show=lambda v, _a: _("{grams} g").format(grams=format_number(v))),
    Field("price", N_("Price"), N_("At what price do you want to sell one piece (₹)?"),
          hint=N_("For example: 1200. Not sure? Save the product, then press “💰 Price”."),
          parse=_parse_price, show=_show_money),
    Field("mrp", N_("MRP"), N_("What is the MRP (maximum retail price, ₹) on the pack? "
                               "It cannot be less than your price."),
          hint=N_("For example: 1499"), parse=_parse_mrp, show=_show_money),
    Field("stock", N_("Stock"), N_("How many pieces are ready to sell?"),
          hint=N_("For example: 25"), parse=lambda t, _a: parse_count(t),
          show=lambda v, _a: format_number(v)),
    Field("handmade", N_("Handmade"), N_("Is it made by hand?"), choices=_yes_no, columns=2),
    Field("gi", N_("GI tag"),
          N_("Your district's craft has a GI (Geographical Indication) tag. Only registered "
             "authorised users may use the GI name in a listing. Are you registered?"),
          choices=_gi_choices, shown_when=_has_gi),
    Field("care", N_("Care"), N_("How should buyers look after it? (You can skip this.)"),
          hint=N_("For example: wipe with a dry cloth"), parse=_text(200), optional=True,
          max_len=200),
    Field("features", N_("Key features"),
          N_("What makes it special? Type up to 5 points, one per message. Press “✔ Done” "
             "when finished."),
          hint=N_("For example: hand-engraved by Moradabad artisans"), parse=_text(150),
          kind="list", max_items=MAX_FEATURES, optional=True, show=_show_features,
          max_len=150),
    Field("photos", N_("Photos"),
          N_("Now send photos of the product, up to 8. The first one is the main photo."),
          hint=FILE_TIP, kind="photos", max_items=MAX_PHOTOS, optional=True,
          show=_show_photos),
)


# ---------------------------------------------------------------- products in the database

async def load(turn: Turn, product_id: int) -> dict[str, Any] | None:
    """The seller's own product (every button is re-checked against its owner)."""
    assert turn.seller is not None
    row = (await turn.session.execute(
        select(TABLE).where(TABLE.c.id == product_id, TABLE.c.seller_id == turn.seller.id)
    )).mappings().first()
    return dict(row) if row else None


async def all_products(turn: Turn) -> list[dict[str, Any]]:
    assert turn.seller is not None
    rows = await turn.session.execute(
        select(TABLE).where(TABLE.c.seller_id == turn.seller.id).order_by(TABLE.c.id))
    return [dict(r) for r in rows.mappings()]


def _context(turn: Turn, product_id: int | None = None) -> Answers:
    seller = turn.seller
    assert seller is not None
    context: Answers = {"@craft": seller.craft_key, DISTRICT: seller.district_code}
    if product_id is not None:
        context[PRODUCT] = product_id
    return context


async def _save(turn: Turn, answers: Answers) -> None:
    product_id = answers.pop(PRODUCT, None)
    photos = answers.pop("photos", None) or []
    clean = {k: v for k, v in answers.items() if not k.startswith("@") and v is not None}
    if product_id is not None and await load(turn, product_id) is not None:
        # Drafts sent before this edit are out of date: the status says so until resent.
        await turn.session.execute(update(TABLE).where(TABLE.c.id == product_id).values(
            answers=clean, photos=photos, status="ready", drafts_sent_at=None,
            updated_at=utcnow()))
        turn.say(_("✅ Product updated."))
    else:
        now = utcnow()
        result = await turn.session.execute(insert(TABLE).values(
            seller_id=turn.seller.id, status="ready", answers=clean, photos=photos,
            created_at=now, updated_at=now))
        product_id = result.inserted_primary_key[0]
        turn.say(_("✅ Product saved."))
    await show(turn, product_id)


async def _after_cancel(turn: Turn) -> None:
    await products(turn)


FORM = forms.register(Form(FORM_KEY, N_("New product"), FIELDS, save=_save,
                           after_cancel=_after_cancel))


# ---------------------------------------------------------------- screens

def _status(product: dict[str, Any]) -> str:
    if product["drafts_sent_at"] is not None:
        return _("drafts sent")
    if not product["photos"]:
        return _("needs photos")
    return _("ready")


async def new_product(turn: Turn) -> None:
    from bot.seller import profile

    if not profile.is_complete(turn.seller):
        # Drafts need the district, craft and contact details from the profile.
        turn.say(_("First let us finish your profile: the drafts need your district and "
                   "contact details."))
        await profile.show(turn)
        return
    if forms.current_form(turn) is FORM:
        turn.say(_("You have an unfinished product. Continue it, or start again?"),
                 buttons=[[Button(_("▶ Continue"), "m|resume"),
                           Button(_("🔄 Start again"), "pr|0|fresh")]])
        return
    await start_new(turn)


async def start_new(turn: Turn) -> None:
    turn.say(_("Let us describe your product. One question at a time; you can go back, "
               "skip what is optional, and change anything at the end."))
    await forms.start(turn, FORM_KEY, context=_context(turn))


async def products(turn: Turn) -> None:
    items = await all_products(turn)
    lines = [_("📦 Your products")]
    rows = []
    if forms.current_form(turn) is FORM:
        lines.append(_("• (unfinished) — press Continue"))
        rows.append([Button(_("▶ Continue"), "m|resume")])
    for product in items:
        name = product["answers"].get("name") or "?"
        lines.append(f"• {name} — {_status(product)}")
        rows.append([Button(f"📦 {name[:40]}", f"pr|{product['id']}|open")])
    if not items and len(lines) == 1:
        lines.append(_("None yet."))
    rows.append([Button(_("➕ New product"), "pr|0|new"), Button(_("🏠 Menu"), "m|menu")])
    turn.say("\n".join(lines), buttons=rows)


async def show(turn: Turn, product_id: int) -> None:
    product = await load(turn, product_id)
    if product is None:
        turn.notice = _("This product no longer exists.")
        await products(turn)
        return
    answers = product["answers"]
    lines = [f"📦 {answers.get('name', '?')} — {_status(product)}", ""]
    lines += forms.summary_lines(FORM, {**answers, "photos": product["photos"],
                                        DISTRICT: turn.seller.district_code})
    pid = product["id"]
    rows = [[Button(_("📝 Drafts"), f"pr|{pid}|drafts"), Button(_("💰 Price"), f"pr|{pid}|price")],
            [Button(_("✏️ Edit"), f"pr|{pid}|edit"), Button(_("📷 Photos"), f"pr|{pid}|photos")],
            [Button(_("📄 Duplicate"), f"pr|{pid}|copy"), Button(_("🗑 Delete"), f"pr|{pid}|del")],
            [Button(_("📦 All products"), "pr|0|list"), Button(_("🏠 Menu"), "m|menu")]]
    turn.say("\n".join(lines), buttons=rows)


async def edit(turn: Turn, product_id: int) -> None:
    product = await load(turn, product_id)
    if product is None:
        turn.notice = _("This product no longer exists.")
        return
    await forms.start(turn, FORM_KEY, answers={**product["answers"], "photos": product["photos"]},
                      context=_context(turn, product_id))


async def duplicate(turn: Turn, product_id: int) -> None:
    product = await load(turn, product_id)
    if product is None:
        turn.notice = _("This product no longer exists.")
        return
    now = utcnow()
    answers = dict(product["answers"])
    answers["name"] = (answers.get("name") or "") + _(" (copy)")
    result = await turn.session.execute(insert(TABLE).values(
        seller_id=turn.seller.id, status="ready", answers=answers, photos=product["photos"],
        created_at=now, updated_at=now))
    turn.say(_("📄 Copied. Change what differs, for example the colour or size."))
    await edit(turn, result.inserted_primary_key[0])


def ask_delete(turn: Turn, product_id: int) -> None:
    turn.say(_("Delete this product? This cannot be undone."),
             buttons=[[Button(_("🗑 Yes, delete"), f"pr|{product_id}|delyes"),
                       Button(_("✖ No"), f"pr|{product_id}|open")]])


async def delete_product(turn: Turn, product_id: int) -> None:
    if await load(turn, product_id) is None:
        turn.notice = _("This product no longer exists.")
        return
    await turn.session.execute(delete(TABLE).where(TABLE.c.id == product_id))
    turn.say(_("🗑 Product deleted."), edit=True)
    await products(turn)


# ---------------------------------------------------------------- photos after saving

async def photos_screen(turn: Turn, product_id: int) -> None:
    product = await load(turn, product_id)
    if product is None:
        turn.notice = _("This product no longer exists.")
        return
    photos = product["photos"]
    lines = [_("📷 Photos: {count} of {limit}").format(count=len(photos), limit=MAX_PHOTOS)]
    rows = []
    for i, photo in enumerate(photos):
        mark = _("main") if i == 0 else str(i + 1)
        problems = len(photo.get("problems") or [])
        note = "✓" if not problems else _("⚠️ {count} to improve").format(count=problems)
        lines.append(f"{i + 1}. {mark} — {photo.get('width')}×{photo.get('height')} {note}")
        row = [Button(_("🗑 Remove {n}").format(n=i + 1), f"pr|{product_id}|rm{i}")]
        if i:
            row.insert(0, Button(_("⭐ Make {n} main").format(n=i + 1), f"pr|{product_id}|main{i}"))
        rows.append(row)
    lines.append(_("To add photos, press ✏️ Edit on the product and go to Photos."))
    rows.append([Button(_("◀ Back to product"), f"pr|{product_id}|open")])
    turn.say("\n".join(lines), buttons=rows)


async def change_photos(turn: Turn, product_id: int, action: str) -> None:
    product = await load(turn, product_id)
    if product is None:
        turn.notice = _("This product no longer exists.")
        return
    photos = list(product["photos"])
    index = int(action[-1]) if action[-1].isdigit() else -1
    if not 0 <= index < len(photos):
        turn.notice = _("This button no longer works.")
    elif action.startswith("main"):
        photos.insert(0, photos.pop(index))
        turn.notice = _("Main photo changed ✓")
    else:
        photos.pop(index)
        turn.notice = _("Photo removed ✓")
    await turn.session.execute(update(TABLE).where(TABLE.c.id == product_id).values(
        photos=photos, updated_at=utcnow()))
    await photos_screen(turn, product_id)


# ---------------------------------------------------------------- photos in the wizard

MAIN_ONLY = {"background_not_white", "not_square"}


def photo_record(file_id: str, unique_id: str, as_file: bool, report) -> dict[str, Any]:
    """What is kept of a photo: Telegram's ids and the check results, not the bytes."""
    return {"file_id": file_id, "file_unique_id": unique_id, "as_file": as_file,
            "width": report.width, "height": report.height,
            "problems": [p.code for p in report.problems],
            "details": [{"code": p.code, "blocking": p.blocking, "params": p.params}
                        for p in report.problems]}


async def on_photo(turn: Turn, record: dict[str, Any] | None) -> bool:
    """A photo or image file arrived. Returns False when no product is waiting for one."""
    from bot.listing.photo_checks import Problem, advice

    field = forms.waiting_for(turn)
    if field is None or field.kind != "photos" or forms.current_form(turn) is not FORM:
        return False
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
    elif not record["as_file"] and (record["width"] or 0) < 1000:
        header += "\n" + _(FILE_TIP)
    else:
        header += " ✓"
    turn.say(header)
    await forms.add_item(turn, record)
    return True
