"""/start, language choice and consent. Nothing is stored before the seller agrees: the
chosen language (and a district from a poster's deep link) travels in the buttons' data
until then.

``/start d_<district>`` (a poster's QR code) pre-selects the district: the profile form
then skips that question (its summary still lets the seller change it)."""

from __future__ import annotations

import time
from collections import OrderedDict
from datetime import timedelta

from bot.conversation import forms
from bot.conversation.callbacks import callback
from bot.conversation.turn import Button, Turn
from bot.db import sellers
from bot.db.models import as_utc, utcnow
from bot.i18n import LOCALES, N_, _, use_locale
from bot.parsing.validators import Invalid, parse_yes_no
from bot.reference import districts as reference
from bot.seller import menu, profile

LANGUAGE_BUTTONS = {"hi": "हिन्दी", "en": "English"}
# After this long away, the first message is not taken as an answer: we remind first.
WELCOME_BACK_AFTER = timedelta(hours=6)
GREETING = N_("Namaste! 🙏 Please choose your language.")
DISTRICT_LINK = "d_"
CONSENT_MEMORY = 10_000  # people asked for consent and not yet answered, per process


@callback("l")
class LanguageChoice:
    code: str


@callback("c")
class ConsentAnswer:
    answer: str  # yes | no
    code: str  # the language chosen just before (nothing is stored until "yes")
    shown: int  # minute (since the epoch) the question was asked: see CONSENT_VALID


# An "I agree" button works for this long: one found later (say, scrolling up after
# /delete) is not taken as a new consent; the question is asked again instead.
CONSENT_VALID = 60  # minutes


def _minute() -> int:
    return int(time.time() // 60)


# The same two buttons after a district deep link: they carry the district along.
@callback("ll")
class LinkLanguage:
    code: str
    district: str


@callback("lc")
class LinkConsent:
    answer: str
    code: str
    district: str
    shown: int


def district_from_link(payload: str) -> str | None:
    """The district code of a ``d_<district>`` deep link, if it names one."""
    if not payload.startswith(DISTRICT_LINK):
        return None
    found = reference.district(payload.removeprefix(DISTRICT_LINK).lower())
    return found.code if found else None


def _language_rows(hint: str | None, district: str | None = None) -> list[list[Button]]:
    order = ["hi", "en"] if hint != "en" else ["en", "hi"]
    return [[Button(LANGUAGE_BUTTONS[code] + (" ✓" if code == hint else ""),
                    LinkLanguage(code, district).pack() if district
                    else LanguageChoice(code).pack()) for code in order]]


def _both(message: str) -> str:
    """One line in each language: used before the seller has chosen one."""
    parts = []
    for code in ("hi", "en"):
        with use_locale(code):
            parts.append(_(message))
    return "\n".join(parts)


async def start(turn: Turn, payload: str = "") -> None:
    district = district_from_link(payload)
    if turn.seller is None:
        ask_language(turn, district)
        return
    if district and turn.seller.profile_saved_at is None and not turn.seller.district_code:
        turn.seller.district_code = district  # joined from a poster: counted for it
    if (form := forms.current_form(turn)) is not None:
        if form.offer_resume is not None:
            await form.offer_resume(turn)  # e.g. "continue the product, or start again?"
            return
        turn.say(_("Welcome back! Let us continue where you stopped."))
        await forms.resume(turn)
        return
    await menu.show(turn, prefix=_("Welcome back, {name}!").format(name=turn.seller.name)
                    if turn.seller.name else _("Welcome back!"))


def ask_language(turn: Turn, district: str | None = None) -> None:
    hint = turn.language_hint if turn.language_hint in LOCALES else None
    turn.say(_both(GREETING), buttons=_language_rows(hint, district))


def _link_district(data: object) -> str | None:
    code = getattr(data, "district", None)
    return code if code and reference.district(code) is not None else None


async def choose_language(turn: Turn, data: LanguageChoice | LinkLanguage) -> None:
    code = data.code
    if code not in LOCALES:
        turn.notice = _("This button no longer works.")
        return
    turn.use_language(code)
    if turn.seller is None:
        _ask_consent(turn, code, _link_district(data))
        return
    turn.notice = _("Language: {language}").format(language=LANGUAGE_BUTTONS[code])
    turn.say(_("OK, I will talk to you in English from now on."))
    if forms.current_form(turn) is not None:
        await forms.resume(turn)
    else:
        await menu.show(turn)


def _shown(turn: Turn) -> OrderedDict[int, tuple[str, str | None]]:
    """Who was just asked for consent, in which language (and from which district's poster):
    only in this process's memory (nothing is stored before "yes"), the newest
    CONSENT_MEMORY people."""
    return turn.local.setdefault("consent_shown", OrderedDict())


def _ask_consent(turn: Turn, code: str, district: str | None = None) -> None:
    shown = _shown(turn)
    shown.pop(turn.telegram_id, None)
    shown[turn.telegram_id] = (code, district)
    while len(shown) > CONSENT_MEMORY:
        shown.popitem(last=False)
    turn.say(_("Welcome to Haat! I help artisans and small businesses of Uttar Pradesh "
               "sell online: step by step, from PAN and GST to your first listing."))
    turn.say(_("To help you, I will store what you tell me: your name, district, craft, "
               "business name, mobile number, email, workshop address, your progress on the "
               "steps, and the products you describe (with their photos, packing checklists and "
               "label details).\n\n"
               "It is used only to guide you and, if you join a programme, to let your "
               "facilitator see your progress. You can see it any time with /mydata and "
               "erase all of it with /delete.\n\nDo you agree?"),
             buttons=[[Button(_("✅ I agree"), _consent_data("yes", code, district)),
                       Button(_("✖ No, thanks"), _consent_data("no", code, district))]])


def _consent_data(answer: str, code: str, district: str | None) -> str:
    if district:
        return LinkConsent(answer, code, district, _minute()).pack()
    return ConsentAnswer(answer, code, _minute()).pack()


async def typed_before_consent(turn: Turn, text: str) -> bool:
    """हाँ / ok / yes / नहीं typed at the consent question answers it. Without a record that
    this process just asked (another process did, or it restarted), the question is shown
    again in the language the word suggests: consent is never taken for unseen text."""
    try:
        agreed = parse_yes_no(text)
    except Invalid:
        return False
    asked = _shown(turn).get(turn.telegram_id)
    if asked is None and not agreed:
        return False
    if asked is None:
        hint = turn.language_hint if turn.language_hint in LOCALES else "en"
        code = "hi" if any("\u0900" <= ch <= "\u097f" for ch in text) else hint
        turn.use_language(code)
        _ask_consent(turn, code)
        return True
    code, district = asked
    answer = "yes" if agreed else "no"
    await consent(turn, LinkConsent(answer, code, district, _minute()) if district
                  else ConsentAnswer(answer, code, _minute()))
    return True


async def consent(turn: Turn, data: ConsentAnswer | LinkConsent) -> None:
    answer, code = data.answer, data.code
    if code not in LOCALES:
        turn.notice = _("This button no longer works.")
        return
    if turn.seller is not None:
        turn.notice = _("Already saved ✓")
        return
    if not 0 <= _minute() - data.shown <= CONSENT_VALID:
        turn.notice = _("This button no longer works.")
        ask_language(turn)
        return
    _shown(turn).pop(turn.telegram_id, None)
    turn.use_language(code)
    if answer != "yes":
        turn.say(_("OK. Nothing about you is stored. Send /start if you change your mind."))
        return
    created = await sellers.create(turn.session, turn.telegram_id, turn.chat_id, code)
    if created is None:  # a second tap, handled by another process at the same moment
        turn.notice = _("Already saved ✓")
        return
    turn.seller, turn.stored = created
    turn.say(_("Thank you! Let us make your profile. It takes about two minutes."))
    district = _link_district(data)
    if district:
        turn.seller.district_code = district  # joined from a poster: counted for it
    await profile.start(turn, district=district)


def away_long(turn: Turn) -> bool:
    seller = turn.seller
    return seller is not None and utcnow() - as_utc(seller.updated_at) > WELCOME_BACK_AFTER
