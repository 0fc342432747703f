"""The listing wizard's questions: one ``Field`` per answer, in the order they are asked.

To add a question, add a ``Field`` here and its translations; the answers are stored as
they are on the product row (``products.answers``), so no migration is needed. The screens
around the wizard are in ``flow.py``; the photo question's handling is in ``photos.py``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from bot.conversation import forms
from bot.conversation.forms import Answers, Field
from bot.i18n import N_, _, format_money, format_number, get_locale
from bot.listing import variants
from bot.listing.photo_checks import FILE_TIP
from bot.listing.variants import has_colour_choice, has_sizes, size_kind
from bot.parsing.labels import (
    parse_best_before,
    parse_fssai,
    parse_month_year,
    show_best_before,
    show_month_year,
)
from bot.parsing.quantities import (
    METRES,
    MILLILITRES,
    parse_count,
    parse_dimensions,
    parse_grams,
    parse_measure,
    parse_rupees,
)
from bot.parsing.validators import (
    Choice,
    Invalid,
    Suggest,
    Warned,
    clean_text,
    unsure,
)
from bot.reference import categories, phrases
from bot.reference.gi import gi_for

FORM_KEY = "listing"
PRODUCT = "@product"  # context key: the product being edited (absent for a new one)
DISTRICT = "@district"
CRAFT = "@craft"
MAX_PHOTOS = 8
MAX_FEATURES = 5
MAX_CARE = 5
MRP_QUESTION_RATIO = 3  # an MRP above 3 × the price is usually a typo (an extra 0)


# ---------------------------------------------------------------- category

def _category_choices(answers: Answers) -> list[Choice]:
    locale = get_locale()
    return [Choice(c.key, c.button(locale)) for c in categories.for_craft(answers.get(CRAFT))]


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
                      [Choice(c.key, c.button(get_locale())) for c in found[:6]])
    raise Invalid(_("Please pick the closest kind of product from the list."))


def _category_resets(old: str | None, new: str | None) -> tuple[str, ...]:
    """The GI answer belongs to the craft: keep it when the new category is the same craft
    (glass art ware -> glass tableware)."""
    before, after = categories.category(old or ""), categories.category(new or "")
    if before is not None and after is not None and before.craft_key == after.craft_key:
        return ()
    return ("gi",)


def _show_category(key: str, _answers: Answers) -> str:
    category = categories.category(key)
    return category.name(get_locale()) if category else key


def _kind_is(kind: str):
    return lambda answers: size_kind(answers) == kind


def is_food(answers: Answers) -> bool:
    """Food categories (hing, jaggery, rice, amla) need an FSSAI number and a best-before."""
    category = categories.category(answers.get("category") or "")
    return category is not None and "food" in category.traits


def sold_by_number(answers: Answers) -> bool:
    """Sets (bangles, bedsheets, tableware): Legal Metrology wants the count, "12 N"."""
    category = categories.category(answers.get("category") or "")
    return category is not None and category.unit == "set"


def _parse_pieces(text: str) -> int:
    count = parse_count(text)
    if count < 1:
        raise Invalid(_("Please type how many pieces, for example 12."))
    return count


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
    if price and mrp > MRP_QUESTION_RATIO * price:
        # Asked once; "yes" parses the same text again with the question switched off.
        unsure(_("The MRP {mrp} is more than 3 times your price {price}. Buyers and "
                 "marketplaces distrust a discount that big. Is it right? If not, type the "
                 "MRP again.").format(mrp=format_money(mrp), price=format_money(price)),
               _("✅ Yes, MRP {mrp}").format(mrp=format_money(mrp)))
    return str(mrp)


def _parse_colours(text: str, _answers: Answers) -> str:
    colours = clean_text(text, 80)
    # An emoji (🔵) or a number is not a colour a buyer can search for.
    if not any(ch.isalpha() for ch in colours):
        raise Invalid(_("Please write the colour in words, for example: blue, or नीला."))
    return colours


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
    return category is not None and gi_for(answers.get(DISTRICT), category.craft_key,
                                           category.key) is not None


def _choices(*pairs: tuple[str, str]):
    return lambda _answers: [Choice(value, _(label)) for value, label in pairs]


# Apparel attributes the marketplaces ask for (values are the English attribute values).
GENDERS = (("Women", N_("Women")), ("Men", N_("Men")), ("Girls", N_("Girls")),
           ("Boys", N_("Boys")), ("Unisex", N_("Everyone (unisex)")))
SLEEVES = (("Sleeveless", N_("Sleeveless")), ("Short sleeve", N_("Short sleeves")),
           ("3/4 sleeve", N_("3/4 sleeves")), ("Full sleeve", N_("Full sleeves")))
NECKS = (("Round neck", N_("Round neck")), ("V-neck", N_("V-neck")),
         ("Mandarin collar", N_("Band collar")), ("Collared", N_("Shirt collar")),
         ("Boat neck", N_("Boat neck")), ("Square neck", N_("Square neck")))
PATTERNS = (("Embroidered", N_("Embroidered")), ("Printed", N_("Printed")),
            ("Solid", N_("Plain, one colour")), ("Striped", N_("Striped")),
            ("Checked", N_("Checked")), ("Woven design", N_("Woven design")))


def _phrase_choices(kind: str):
    def choices(answers: Answers) -> list[Choice]:
        return [Choice(phrases.CHOICE_PREFIX + p.key, p.button())
                for p in phrases.choices(kind, answers.get("category"))]
    return choices


def _item_label(item: str) -> str:
    phrase = phrases.resolve(item)
    return phrase.label() if phrase else item


def _parse_item(limit: int, kind: str):
    def parse(text: str, _answers: Answers) -> str | Warned:
        item = clean_text(text, limit)
        phrase = phrases.match(item)  # typed words that mean a choice become that choice
        if phrase:
            return phrases.CHOICE_PREFIX + phrase.key
        line = phrases.english_line(item, kind)
        if line.gap:  # said now, while the seller can still pick a ready line instead
            return Warned(item, _(
                "✍ I cannot put this line into English myself ({words}). When you save, "
                "it goes to your facilitator, who will. Or tick a ready line above."
            ).format(words=", ".join(line.unknown)))
        return item
    return parse


def _show_items(value: list[str] | str, _answers: Answers) -> str:
    items = [value] if isinstance(value, str) else value  # care was one text before
    return "\n" + "\n".join(f"{i}. {_item_label(item)}" for i, item in enumerate(items, 1))


_READY_HINT = N_("The ticked lines have their English ready; a typed line I cannot put into "
                 "English goes to your facilitator.")


def _phrase_list(key: str, label: str, question: str, kind: str, max_items: int,
                 max_len: int, hint: str | None = _READY_HINT) -> Field:
    """A list answered by ticking ready lines (their English is known) or typing one line
    per message: care and key features."""
    return Field(key, label, question, hint=hint,
                 parse=_parse_item(max_len, kind), choices=_phrase_choices(kind), kind="list",
                 max_items=max_items, optional=True, show=_show_items, max_len=max_len)


def _show_photos(value: list[dict[str, Any]], _answers: Answers) -> str:
    return _("{count} (the first is the main photo)").format(count=len(value))


FIELDS = (
    Field("category", N_("Category"),
          N_("What kind of product is it? Pick the closest; your craft's kinds come first."),
          parse=_parse_category, choices=_category_choices, page_size=8, columns=1,
          show=_show_category, resets=_category_resets),
    Field("name", N_("Product name"),
          N_("What do you call this product? Use your own words, in Hindi or English."),
          hint=N_("For example: पीतल का दीया, or Brass diya"), parse=_text(120), max_len=120),
    Field("materials", N_("Material"), N_("What is it made of?"),
          hint=N_("For example: brass, cotton, sheesham wood"), parse=_text(100), max_len=100),
    Field("colours", N_("Colour"), N_("What colour is it? If there are several, write them all."),
          hint=N_("For example: golden, red and green"), parse=_parse_colours, max_len=80,
          resets=("colour_choice", "colour_stock")),
    # Its own label and answer on the review: the colours themselves are the line above.
    Field("colour_choice", N_("Colour choice"),
          N_("Does the buyer pick one of these colours, or are all of them on one piece?"),
          choices=variants.colour_choices, columns=2,
          shown_when=lambda a: bool(variants.colour_options(a)),
          show=lambda v, _a: _("Buyer picks one") if v == variants.EACH
          else _("All on one piece")),
    Field("size_dims", N_("Size"), N_("What is its size? Type length × width × height in cm."),
          hint=N_("For example: 30x20x10"), parse=lambda t, _a: parse_dimensions(t),
          shown_when=_kind_is("dims"), show=_show_dims),
    Field("garment_size", N_("Sizes"),
          N_("Which sizes do you have? Tick all of them, then press “✔ Done”. It stays one "
             "product with a choice of size."), choices=variants.garment_sizes,
          kind="multi", columns=4, shown_when=_kind_is("garment"), resets=("colour_stock",)),
    Field("bangle_size", N_("Sizes"),
          N_("Which bangle sizes do you have? Tick all of them, then press “✔ Done”."),
          choices=variants.bangle_sizes, kind="multi", columns=3,
          shown_when=_kind_is("bangle"), resets=("colour_stock",)),
    Field("size_chart", N_("Size chart"),
          N_("For the size chart: the chest and the length of each size, in inches."),
          hint=N_("For example: S 36 27, M 38 28, L 40 29"), parse=variants.parse_size_chart,
          show=variants.show_per_size, shown_when=_kind_is("garment"), max_len=300),
    Field("gender", N_("For whom"), N_("Who is it for?"), choices=_choices(*GENDERS),
          columns=2, shown_when=_kind_is("garment")),
    Field("sleeve", N_("Sleeves"), N_("What sleeves does it have?"),
          choices=_choices(*SLEEVES), columns=2, shown_when=_kind_is("garment")),
    Field("neck", N_("Neck"), N_("What kind of neck does it have?"), choices=_choices(*NECKS),
          columns=2, shown_when=_kind_is("garment")),
    Field("pattern", N_("Pattern"), N_("What is its pattern?"), choices=_choices(*PATTERNS),
          columns=2, shown_when=_kind_is("garment")),
    Field("saree_length", N_("Length"), N_("How long is the saree, in metres?"),
          hint=N_("For example: 5.5 m, or 6.3 m with blouse piece"),
          parse=lambda t, _a: parse_measure(t, METRES, 1.0, low=1, high=10, example="5.5 m"),
          shown_when=_kind_is("saree"), show=lambda v, _a: f"{v:g} m"),
    Field("fabric_length", N_("Length"),
          N_("How many metres of fabric is it? For a suit piece, add up all its parts."),
          hint=N_("For example: 2.5 m, or 6 m for a suit set"),
          parse=lambda t, _a: parse_measure(t, METRES, 1.0, low=0.5, high=50, example="2.5 m"),
          shown_when=_kind_is("length"), show=lambda v, _a: f"{v:g} m"),
    Field("volume_ml", N_("Quantity"), N_("How many ml are in one bottle or pack?"),
          hint=N_("For example: 10 ml"),
          parse=lambda t, _a: parse_measure(t, MILLILITRES, 1.0, low=1, high=5000,
                                            example="10 ml"),
          shown_when=_kind_is("volume"), show=lambda v, _a: f"{v:g} ml"),
    Field("pieces", N_("Pieces"),
          N_("How many pieces are in one pack? The pack must say the count, not “1 set”."),
          hint=N_("For example: 12"), parse=lambda t, _a: _parse_pieces(t),
          shown_when=sold_by_number, show=lambda v, _a: format_number(v)),
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
          show=lambda v, _a: format_number(v),
          shown_when=lambda a: not has_sizes(a) and not has_colour_choice(a)),
    Field("size_stock", N_("Stock per size"),
          N_("How many pieces of each size are ready to sell?"),
          hint=N_("For example: S 5, M 10, L 8"), parse=variants.parse_size_stock,
          show=variants.show_per_size, max_len=300,
          shown_when=lambda a: has_sizes(a) and not has_colour_choice(a)),
    Field("colour_stock", N_("Stock per colour"),
          N_("How many pieces of each colour are ready to sell? With sizes: each size, then "
             "its colours."),
          hint=N_("For example: red 5, blue 3. With sizes: S red 2 blue 3, M red 4 blue 1"),
          parse=variants.parse_colour_stock, show=variants.show_colour_stock,
          shown_when=has_colour_choice, max_len=400),
    Field("packed", N_("Made or packed"),
          N_("In which month and year was it made or packed? The pack must say it. "
             "(You can skip this.)"),
          hint=N_("For example: 11/2026"), parse=lambda t, _a: parse_month_year(t),
          optional=True, show=lambda v, _a: show_month_year(v)),
    Field("fssai", N_("FSSAI number"),
          N_("Food needs an FSSAI licence or registration number (14 digits) on the pack and "
             "in the listing. What is yours? (You can skip this, but the listing cannot go "
             "live without it.)"),
          hint=N_("For example: 12345678901234"), parse=lambda t, _a: parse_fssai(t),
          shown_when=is_food, optional=True),
    Field("best_before", N_("Best before"),
          N_("How long does it stay good after packing? The pack and the listing must say "
             "it."),
          hint=N_("For example: 6 months, or 90 days"),
          parse=lambda t, _a: parse_best_before(t), shown_when=is_food, optional=True,
          show=lambda v, _a: show_best_before(v)),
    # FSS (Labelling and Display) Regulations 2020 [fmt20]: the veg/non-veg mark, the
    # ingredients and nutrition information (exempt for some, e.g. single-ingredient foods).
    Field("veg", N_("Veg / non-veg"), N_("Is it vegetarian? The label shows a green dot "
                                          "(veg) or a brown triangle (non-veg)."),
          choices=lambda _a: [Choice("veg", _("🟢 Vegetarian")),
                              Choice("nonveg", _("🟫 Non-vegetarian"))],
          shown_when=is_food, columns=2),
    Field("ingredients", N_("Ingredients"),
          N_("What is in it? List the ingredients, the largest amount first."),
          hint=N_("For example: asafoetida, wheat flour, gum arabic"), parse=_text(300),
          shown_when=is_food, max_len=300),
    Field("nutrition", N_("Nutrition"),
          N_("Nutrition per 100 g: energy, protein, carbohydrate, sugar, fat. Skip only if "
             "your product is exempt (for example a single spice): ask your facilitator."),
          hint=N_("For example: Energy 350 kcal, Protein 2 g, Carbohydrate 85 g, Sugar 80 g, "
                  "Fat 0.5 g"), parse=_text(300), shown_when=is_food, optional=True,
          max_len=300),
    Field("handmade", N_("Handmade"), N_("Is it made by hand?"), choices=_yes_no, columns=2),
    Field("gi", N_("GI tag"),
          N_("Your district's craft has a GI (Geographical Indication) tag. Only registered "
             "authorised users may use the GI name in a listing. Are you registered?"),
          choices=_gi_choices, shown_when=_has_gi),
    _phrase_list("care", N_("Care"),
                 N_("How should buyers look after it? Tick what fits, or type your own, one "
                    "per message. Press “✔ Done” when finished. (You can skip this.)"),
                 "care", MAX_CARE, 200),
    _phrase_list("features", N_("Key features"),
                 N_("What makes it special? Tick up to 5, or type your own, one per message. "
                    "Press “✔ Done” when finished."),
                 # Said under care, the question just before; a typed line that cannot
                 # be put into English says so itself.
                 "feature", MAX_FEATURES, 150, hint=None),
    Field("photos", N_("Photos"),
          N_("Now send photos of the product, up to 8. The first one is the main photo."),
          hint=FILE_TIP, kind="photos", max_items=MAX_PHOTOS, optional=True,
          show=_show_photos),
)
