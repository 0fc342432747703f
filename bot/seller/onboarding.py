"""/start, language choice and consent. Nothing is stored before the seller agrees: the
chosen language (and a district or workshop from a poster's deep link) travels in the
buttons' data until then.

``/start d_<district>`` (a poster's QR code) suggests the district: the profile's
district question offers it as one button ("✅ Agra") beside "another district", so nobody
is filed under a district they did not confirm; staff get no suggestion at all.

``/start w_<workshop>`` (a workshop's poster) opens the workshop's card: at once for a
seller with a saved profile; for a newcomer after onboarding. From "I agree" on, the
workshop waits in ``sellers.pending_workshop_id`` (it survives a restart, a stopped
profile form and days away) and is shown when the profile is first saved
(``bot.seller.profile``). A workshop for one district suggests it, as ``d_`` does."""

from __future__ import annotations

import time
from collections import OrderedDict
from datetime import timedelta

from bot.conversation import forms, links
from bot.conversation.callbacks import callback
from bot.conversation.links import DistrictLink, WorkshopLink
from bot.conversation.turn import Button, Turn
from bot.db import sellers
from bot.db.models import as_utc, utcnow
from bot.i18n import LOCALES, N_, _, use_locale
from bot.parsing.validators import Invalid, parse_yes_no
from bot.reference import districts as reference
from bot.seller import menu, profile
from bot.workshops import seller_screens as workshops

LANGUAGE_BUTTONS = {"hi": "हिन्दी", "en": "English"}
# After this long away, the first message is not taken as an answer: we remind first.
WELCOME_BACK_AFTER = timedelta(hours=6)
GREETING = N_("Namaste! 🙏 Please choose your language.")
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


# ... and after a workshop's deep link: they carry the workshop's id (its district is read
# again from the database at "I agree"; nothing in the button is trusted).
@callback("lw")
class WorkshopLanguage:
    code: str
    workshop: int


@callback("cw")
class WorkshopConsent:
    answer: str
    code: str
    workshop: int
    shown: int


def _district_of(link: object) -> str | None:
    """The district code of a ``d_<district>`` deep link, if it names one."""
    if not isinstance(link, DistrictLink):
        return None
    found = reference.district(link.district.lower())
    return found.code if found else None


def _language_data(code: str, district: str | None, workshop: int | None) -> str:
    if workshop:
        return WorkshopLanguage(code, workshop).pack()
    if district:
        return LinkLanguage(code, district).pack()
    return LanguageChoice(code).pack()


def _language_rows(hint: str | None, district: str | None = None,
                   workshop: int | None = None) -> list[list[Button]]:
    order = ["hi", "en"] if hint != "en" else ["en", "hi"]
    return [[Button(LANGUAGE_BUTTONS[code] + (" ✓" if code == hint else ""),
                    _language_data(code, district, workshop)) for code in order]]


def _both(message: str) -> str:
    """One line in each language: used before the seller has chosen one."""
    return _in_both(lambda: _(message), "\n")


def _in_both(words, between: str = "\n\n") -> str:
    """``words()`` in Hindi, then in English (before the seller has chosen a language)."""
    parts = []
    for code in ("hi", "en"):
        with use_locale(code):
            parts.append(words())
    return between.join(parts)


async def _from_workshop_link(turn: Turn, workshop_id: int | None) -> bool:
    """``/start w_<id>`` (``None``: a mistyped or crafted id). True when the answer is
    complete (the card or a notice); False when the usual /start should go on (onboarding
    or the profile still to finish)."""
    seller = turn.seller
    done = sellers.profile_complete(seller)
    state, workshop = await workshops.link_state(turn.session, workshop_id,
                                                 None, utcnow())
    if seller is None:
        if state != workshops.LINK_OPEN:
            turn.say(_in_both(lambda: workshops.link_notice(state, workshop)))
            ask_language(turn)
        else:
            ask_language(turn, workshop=workshop_id)
        return True
    if done:
        forms.pause(turn)  # the card's buttons answer now, not a form waiting for text
        await workshops.open_from_link(turn, workshop_id)
        return True
    if state != workshops.LINK_OPEN or workshop is None:
        turn.say(workshops.link_notice(state, workshop))
        return False
    seller.pending_workshop_id = workshop["id"]
    turn.say(_("First let us finish your profile; then I will show you the workshop "
               "“{title}”.").format(title=workshops.title(workshop)))
    return False


async def start(turn: Turn, payload: str = "") -> None:
    """/start, with the parameter of a deep link (``bot.conversation.links``) if any."""
    link = links.read(payload)
    # "w_" with a mistyped id still means a workshop: its notice says the link is wrong.
    if (payload.strip().lower().startswith(WorkshopLink.prefix)
            and await _from_workshop_link(turn, getattr(link, "workshop", None))):
        return
    district = _district_of(link)
    if turn.seller is None:
        ask_language(turn, district)
        return
    if (form := forms.current_form(turn)) is not None:
        if form.offer_resume is not None:
            await form.offer_resume(turn)  # e.g. "continue the product, or start again?"
            return
        turn.say(_("Welcome back! Let us continue where you stopped."))
        await forms.resume(turn)
        return
    await menu.show(turn, prefix=_("Welcome back, {name}!").format(name=turn.seller.name)
                    if turn.seller.name else _("Welcome back!"))


def ask_language(turn: Turn, district: str | None = None, workshop: int | None = None
                 ) -> None:
    hint = turn.language_hint if turn.language_hint in LOCALES else None
    # The tick marks the language in use: a seller's choice outweighs the phone's setting.
    if turn.seller is not None and turn.seller.language in LOCALES:
        hint = turn.seller.language
    turn.say(_both(GREETING), buttons=_language_rows(hint, district, workshop))


def _link_district(data: object) -> str | None:
    code = getattr(data, "district", None)
    return code if code and reference.district(code) is not None else None


def _link_workshop(data: object) -> int | None:
    return getattr(data, "workshop", None) or None


async def choose_language(turn: Turn, data: LanguageChoice | LinkLanguage | WorkshopLanguage
                          ) -> None:
    code = data.code
    if code not in LOCALES:
        turn.notice = _("This button no longer works.")
        return
    turn.use_language(code)
    if turn.seller is None:
        staff_note = ""
        if await turn.staff() is not None:
            # Staff who never agreed as sellers keep their language on their chat row
            # (as their forms do): /staff speaks it from now on.
            if turn.staff_chat is None:
                turn.staff_chat, turn.stored = await sellers.create_staff_chat(
                    turn.session, turn.telegram_id, turn.chat_id, code)
            staff_note = _("You are staff: /staff opens the staff menu in this language. "
                           "Agree below only if you also sell your own crafts.")
        _ask_consent(turn, code, _link_district(data), _link_workshop(data), staff_note)
        return
    turn.notice = _("Language: {language}").format(language=LANGUAGE_BUTTONS[code])
    turn.say(_("OK, I will talk to you in English from now on."))
    if forms.current_form(turn) is not None:
        await forms.resume(turn)
    else:
        await menu.show(turn)


def _shown(turn: Turn) -> OrderedDict[int, tuple[str, str | None, int | None]]:
    """Who was just asked for consent, in which language (and from which district's or
    workshop's poster): only in this process's memory (nothing is stored before "yes"),
    the newest CONSENT_MEMORY people."""
    return turn.local.setdefault("consent_shown", OrderedDict())


def _ask_consent(turn: Turn, code: str, district: str | None = None,
                 workshop: int | None = None, note: str = "") -> None:
    shown = _shown(turn)
    shown.pop(turn.telegram_id, None)
    shown[turn.telegram_id] = (code, district, workshop)
    while len(shown) > CONSENT_MEMORY:
        shown.popitem(last=False)
    # One message: on a phone the welcome and the question are read together anyway.
    turn.say(_("Welcome to Haat! I help artisans of Uttar Pradesh sell online, step by "
               "step.\n\n"
               "I will keep what you tell me (your profile, your progress and your products) "
               "only to guide you and to show your facilitator your progress. /mydata shows "
               "it all, /delete erases it.\n\nDo you agree?")
             + (f"\n\n{note}" if note else ""),
             buttons=[[Button(_("✅ I agree"), _consent_data("yes", code, district, workshop)),
                       Button(_("✖ No, thanks"),
                              _consent_data("no", code, district, workshop))]])


def _consent_answer(answer: str, code: str, district: str | None, workshop: int | None
                    ) -> ConsentAnswer | LinkConsent | WorkshopConsent:
    if workshop:
        return WorkshopConsent(answer, code, workshop, _minute())
    if district:
        return LinkConsent(answer, code, district, _minute())
    return ConsentAnswer(answer, code, _minute())


def _consent_data(answer: str, code: str, district: str | None,
                  workshop: int | None = None) -> str:
    return _consent_answer(answer, code, district, workshop).pack()


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
    code, district, workshop = asked
    await consent(turn, _consent_answer("yes" if agreed else "no", code, district, workshop))
    return True


async def consent(turn: Turn, data: ConsentAnswer | LinkConsent | WorkshopConsent) -> None:
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
        if turn.staff_chat is not None:  # staff: their chat row (language, forms) stays
            turn.say(_("OK, you are not a seller here. /staff opens the staff menu; send "
                       "/start if you want to sell too."))
            return
        turn.say(_("OK. Nothing about you is stored. Send /start if you change your mind."))
        return
    created = await sellers.create(turn.session, turn.telegram_id, turn.chat_id, code)
    if created is None:  # a second tap, handled by another process at the same moment
        turn.notice = _("Already saved ✓")
        return
    turn.seller, turn.stored = created
    intro = _("Thank you! Let us make your profile. It takes about two minutes.")
    district = _link_district(data)
    if (workshop_id := _link_workshop(data)) is not None:
        state, workshop = await workshops.link_state(turn.session, workshop_id, None, utcnow())
        if workshop is not None:  # a crafted number names nothing: nothing is kept
            turn.seller.pending_workshop_id = workshop["id"]
            district = district or workshops.only_district(workshop)
            if state == workshops.LINK_OPEN:
                intro += "\n" + _("After your profile I will show you the workshop "
                                   "“{title}”.").format(title=workshops.title(workshop))
    if turn.is_admin:
        await sellers.mark_uncounted(turn.session, turn.telegram_id, sellers.OPERATOR, None)
    if district and await turn.staff() is not None:
        district = None  # staff are never a district's sellers by a link
    await profile.start(turn, suggested=district, prefix=intro)


def away_long(turn: Turn) -> bool:
    seller = turn.seller
    return seller is not None and utcnow() - as_utc(seller.updated_at) > WELCOME_BACK_AFTER
