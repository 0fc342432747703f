"""The seller's profile: name, district, craft, business, phone, email, export wish."""

from __future__ import annotations

from functools import cache

from bot.conversation import forms
from bot.conversation.forms import Answers, Field, Form
from bot.conversation.navigation import MenuAction
from bot.conversation.turn import Button, Turn
from bot.db import sellers
from bot.db.models import Seller, utcnow
from bot.i18n import N_, _, get_locale
from bot.parsing.validators import (
    Choice,
    Invalid,
    Suggest,
    clean_text,
    parse_business_name,
    parse_email,
    parse_mobile,
    parse_name,
    whole_number,
)
from bot.reference import districts as reference
from bot.seller import menu
from bot.steps import flow as steps
from bot.workshops import seller_screens as workshops

FORM_KEY = sellers.PROFILE_FORM
CRAFT_PAGE = 6


# ---------------------------------------------------------------- district

def _district_choices(_answers: Answers) -> list[Choice]:
    return _districts_sorted(get_locale())


@cache
def _districts_sorted(locale: str) -> list[Choice]:
    items = [Choice(d.code, d.button(locale)) for d in reference.districts()]
    return sorted(items, key=lambda c: c.label)


SUGGESTED = "@suggested"  # a district a poster's link suggested, to be confirmed


def _suggested_district(answers: Answers) -> list[Choice]:
    found = reference.district(answers.get(SUGGESTED) or "")
    return [Choice(found.code, found.button(get_locale()))] if found else []


def _parse_district(text: str, _answers: Answers) -> str:
    text = clean_text(text, 60)
    found = reference.match_district(text)
    if not found:
        raise Invalid(_("I could not find that district in Uttar Pradesh. Please check the "
                        "spelling, or pick it from the list."))
    if len(found) == 1:
        return found[0].code
    locale = get_locale()
    raise Suggest(_("Did you mean one of these?"),
                  [Choice(d.code, d.button(locale)) for d in found])


def _show_district(code: str, _answers: Answers) -> str:
    district = reference.district(code)
    return district.name(get_locale()) if district else code


# ---------------------------------------------------------------- craft
# Stored as "o:<n>" (the n-th ODOP product of the district), "c:<craft key>" (a category)
# or "t:<text>" (the seller's own words).

def _craft_choices(answers: Answers) -> list[Choice]:
    locale = get_locale()
    odop = reference.odop_products(answers.get("district") or "")
    items = [Choice(f"o:{i}", reference.STAR + p.button(locale)) for i, p in enumerate(odop)]
    odop_keys = {p.craft_key for p in odop}
    items += [Choice(f"c:{c.key}", c.button(locale)) for c in reference.crafts()
              if c.key not in odop_keys or c.key == "other"]
    return items


def _parse_craft(text: str, answers: Answers) -> str:
    if text.startswith(("o:", "c:")) and text in {c.value for c in _craft_choices(answers)}:
        return text  # a "did you mean" button
    text = clean_text(text, 100)
    craft = reference.match_craft(text)
    if craft is not None:
        return f"c:{craft.key}"
    if not any(ch.isalpha() for ch in text):
        raise Invalid(_("Please type the name of what you make, for example “brass lamps”."))
    return f"t:{text}"


def _show_craft(value: str, answers: Answers) -> str:
    kind, _sep, rest = value.partition(":")
    locale = get_locale()
    if kind == "o":
        odop = reference.odop_products(answers.get("district") or "")
        if (index := whole_number(rest)) is not None and index < len(odop):
            return odop[index].name(locale)
    if kind == "c" and (craft := reference.craft(rest)) is not None:
        return craft.name(locale)
    return rest


def _craft_columns(value: str, district: str | None) -> tuple[str | None, str]:
    """(craft_key, craft_text in English or the seller's words) for the seller row."""
    kind, _sep, rest = value.partition(":")
    if kind == "o":
        product = reference.odop_products(district or "")[int(rest)]
        return product.craft_key, product.product_en
    if kind == "c" and (craft := reference.craft(rest)) is not None:
        return craft.key, craft.name_en
    return None, rest


def _craft_answer(seller: Seller) -> str | None:
    if not seller.craft_text:
        return None
    for i, product in enumerate(reference.odop_products(seller.district_code or "")):
        if product.product_en == seller.craft_text:
            return f"o:{i}"
    craft = reference.craft(seller.craft_key or "")
    if craft is not None and craft.name_en == seller.craft_text:
        return f"c:{craft.key}"
    return f"t:{seller.craft_text}"


# ---------------------------------------------------------------- export wish

def _export_choices(_answers: Answers) -> list[Choice]:
    return [Choice("yes", _("Yes, export too")), Choice("no", _("No, India only")),
            Choice("later", _("Maybe later"))]


FIELDS = (
    Field("name", N_("Name"), N_("What is your name?"), hint=N_("For example: Sunita Devi"),
          parse=lambda text, _a: parse_name(text), max_len=80),
    # The question names no button: a link's suggestion shows "✅ Agra" and "📋 Another
    # district" where others see "📋 Show the list".
    Field("district", N_("District"), N_("Which district of Uttar Pradesh do you work in? "
                                         "Type its name, or press a button below."),
          hint=N_("For example: Firozabad or फिरोजाबाद"),
          parse=_parse_district, choices=_district_choices, page_size=12, columns=2,
          show=_show_district, resets=("craft",), folded=True,
          suggest=_suggested_district, unfold=N_("📋 Another district")),
    Field("craft", N_("Craft"), N_("What do you make? ⭐ marks your district's ODOP product. "
                                   "You can also type it in your own words."),
          # One column: craft names run to 28 characters and would be cut off in two.
          parse=_parse_craft, choices=_craft_choices, page_size=CRAFT_PAGE, columns=1,
          show=_show_craft, max_len=100),
    Field("business_name", N_("Business name"),
          N_("What is the name of your business or shop? (You can skip this.)"),
          parse=lambda text, _a: parse_business_name(text), optional=True, max_len=100),
    Field("phone", N_("Mobile"), N_("What is your mobile number? Press the button below to "
                                    "share it."),  # "or type it" follows, with the buttons
          parse=lambda text, _a: parse_mobile(text), kind="contact"),
    Field("email", N_("Email"), N_("What is your email address? (You can skip this.)"),
          parse=lambda text, _a: parse_email(text), optional=True, max_len=254),
    Field("wants_export", N_("Export"), N_("Do you also want to sell abroad (export)?"),
          choices=_export_choices),
)


def answers_from(seller: Seller) -> Answers:
    return {"name": seller.name, "district": seller.district_code,
            "craft": _craft_answer(seller), "business_name": seller.business_name,
            "phone": seller.phone, "email": seller.email, "wants_export": seller.wants_export}


def is_complete(seller: Seller) -> bool:
    return sellers.profile_complete(seller)


async def _save(turn: Turn, answers: Answers) -> None:
    seller = turn.seller
    assert seller is not None
    first_time = seller.profile_saved_at is None
    seller.name = answers["name"]
    seller.district_code = answers["district"]
    seller.craft_key, seller.craft_text = _craft_columns(answers["craft"], answers["district"])
    seller.business_name = answers.get("business_name")
    seller.phone = answers["phone"]
    seller.email = answers.get("email")
    seller.wants_export = answers["wants_export"]
    seller.profile_saved_at = utcnow()
    if seller.email:
        await steps.done_elsewhere(turn, "email", {"email": seller.email})
    await steps.refresh_half(turn)  # the export answer changes what half the steps is
    # The review card above now ends "✅ Saved." (forms.py): what follows does not say it
    # again (a phone reader would read the same news twice); it says what comes next.
    if first_time:
        await steps.overview(turn, prefix=_("Thank you, {name}! Your steps to sell online:")
                             .format(name=seller.name))
        if seller.pending_workshop_id is not None:  # came by a workshop's poster
            workshop_id, seller.pending_workshop_id = seller.pending_workshop_id, None
            await workshops.open_from_link(turn, workshop_id)
    else:
        await menu.show(turn)


async def _after_cancel(turn: Turn) -> None:
    if not sellers.profile_complete(turn.seller):
        # The menu's steps and products all need a profile: offer it, not the menu.
        turn.say(_("The steps and drafts need your profile. Continue it when you are "
                   "ready."), buttons=[[Button(_("▶ My profile"),
                                               MenuAction("profile").pack())]])
        return
    await menu.show(turn)


FORM = Form(FORM_KEY, N_("Your profile"), FIELDS, save=_save, after_cancel=_after_cancel)


async def start(turn: Turn, suggested: str | None = None, prefix: str = "") -> None:
    """``suggested``: a poster's district; the district question offers it as one button
    ("✅ Agra") beside "another district": a link never files anyone under a district.
    ``prefix`` heads the first question."""
    await forms.start(turn, FORM_KEY, context={SUGGESTED: suggested} if suggested else None,
                      prefix=prefix)


async def show(turn: Turn) -> None:
    """/profile: the saved profile as a summary card with an edit button per field."""
    seller = turn.seller
    assert seller is not None
    if not is_complete(seller):
        if forms.current_form(turn) is FORM:
            await forms.resume(turn)
        else:
            await start(turn)
        return
    turn.say(_("This is your profile. Press a button to change an answer."))
    await forms.start(turn, FORM_KEY, answers=answers_from(seller))
