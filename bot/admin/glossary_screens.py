"""/glossary: a district's own glossary words. After a facilitator puts a seller's line
into English (or corrects the bot's), she may keep a word or short phrase of it for her
district; someone else of the district (or an operator) checks it; an operator may share
an approved word with every district. Only approved words reach the drafts: the
district's sellers' first, the shared ones everyone's (``listing.glossary_terms``).

Services first (access checked inside: a facilitator only for her districts, a check by
someone other than the proposer, sharing by operators only), then the screens.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.admin import access
from bot.admin.screens import StaffScreen, back_row, district_name, require
from bot.admin.staff import Role
from bot.conversation import forms
from bot.conversation.callbacks import callback
from bot.conversation.forms import Field, Form
from bot.conversation.links import arguments
from bot.conversation.turn import Button, Gone, Turn
from bot.db.models import utcnow
from bot.i18n import N_, _
from bot.listing import english_needed, glossary_terms
from bot.listing.glossary_terms import APPROVED, PROPOSED, Term
from bot.parsing.validators import Choice, Invalid, clean_text
from bot.reference import glossary, phrases, tokens

CANDIDATES_MAX = 4

# Words a facilitator would not keep on their own, nor at the edge of a phrase: pronouns,
# conjunctions, negations, auxiliary and light verbs, "every/very/all". The grammar words
# (का की के से में है ..., ``tokens.GRAMMAR``) are left out already. Hindi: a small part of
# Jacques Savoy's Hindi stop word list (BSD; shipped as Lucene's analysis/hi/stopwords.txt,
# members.unine.ch/jacques.savoy/clef), plus हर, अब, कभी and the possessives मेरा/हमारा
# sellers' stories use, and their romanised spellings; English: Lucene's English stop
# words (EnglishAnalyzer.ENGLISH_STOP_WORDS_SET). Matched as ``tokens.normalise`` folds.
STOP_WORDS = frozenset(tokens.normalise(word) for word in (
    # Hindi (Devanagari)
    "और", "एवं", "व", "या", "लेकिन", "मगर", "तथा", "न", "ना", "नहीं", "मत", "हर", "सब",
    "सभी", "सबसे", "सबको", "बहुत", "कुछ", "कोई", "एक", "जो", "यह", "ये", "यही", "वह", "वे",
    "वही", "इस", "उस", "इसे", "उसे", "इसमें", "उसमें", "इसका", "इसकी", "इसके", "उसका",
    "उसकी", "उसके", "आप", "आपका", "आपकी", "आपके", "अपना", "अपनी", "अपने", "मेरा", "मेरी",
    "मेरे", "हमारा", "हमारी", "हमारे", "तक", "साथ", "फिर", "अब", "अभी", "कभी", "जैसा",
    "जैसे", "द्वारा", "कर", "करता", "करती", "करते", "करें", "करना", "करने", "किया", "गया",
    "हो", "होता", "होती", "होते", "हुआ", "हुई", "हुए", "रहा", "रही", "रहे",
    # Hindi in English letters
    "aur", "ya", "na", "nahi", "nahin", "mat", "har", "sab", "sabhi", "sabse", "bahut",
    "kuch", "koi", "ek", "jo", "yeh", "ye", "yah", "woh", "wo", "vah", "ise", "use", "isme",
    "usme", "iska", "iski", "iske", "aap", "aapka", "aapki", "aapke", "apna", "apni", "apne",
    "mera", "meri", "mere", "hamara", "hamari", "hamare", "tak", "sath", "saath", "phir",
    "ab", "abhi", "kabhi", "jaisa", "jaise", "kar", "karo", "karta", "karti", "karte",
    "karen", "karna", "kiya", "gaya", "ho", "hota", "hoti", "hote", "hua", "hui", "hue",
    # English
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is",
    "it", "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there",
    "these", "they", "this", "to", "was", "will", "with",
))

# ------------------------------------------------------------------------- services


@dataclass(frozen=True)
class Candidate:
    term: str  # the seller's words
    english: str  # "" when the facilitator still types it


def _request(row: Any, role: Role) -> Any:
    if row is None:
        raise Gone(_("This line is no longer there (the seller changed or deleted it)."))
    if not row.district_code or not role.can_see(row.district_code):
        raise Gone(_("That district is not one of yours, so I cannot show it."))
    if row.status != english_needed.DONE or not row.english:
        raise Gone(_("First give the line its English."))
    return row


def _stop(word: tokens.Token) -> bool:
    return word.key in STOP_WORDS or word.key in tokens.GRAMMAR


def content_phrase(text: str) -> str:
    """``text`` without the stop words at either end ("" when nothing else is left): "हर
    घर की शान" → "घर की शान", "कर" → ""."""
    words = tokens.tokenize(text)
    while words and _stop(words[0]):
        words.pop(0)
    while words and _stop(words[-1]):
        words.pop()
    return " ".join(w.text for w in words)


def _candidates(row: Any) -> list[Candidate]:
    """The whole line when it is short enough for the glossary, trimmed of stop words at
    its ends (with its English while only grammar words went, which the glossary ignores
    anyway), then the words that kept it out of English, stop words left out."""
    found: dict[str, Candidate] = {}
    whole = content_phrase(row.line)
    key = glossary_terms.key_of(whole)
    if key and glossary.term_words(row.line):
        same = key == glossary_terms.key_of(row.line)
        found[key] = Candidate(whole, row.english if same else "")
    line = phrases.english_line(row.line, english_needed.FIELDS.get(row.field, "feature"))
    for word in line.unknown:
        term = content_phrase(word)
        key = glossary_terms.key_of(term)
        if key and key not in found:
            found[key] = Candidate(term if term != word.strip() else word, "")
    return list(found.values())[:CANDIDATES_MAX]


async def candidates(session: Any, role: Role | None, request_id: int) -> list[Candidate]:
    """What of an answered line could be kept for the district's glossary."""
    role = access.require(role)
    return _candidates(_request(await english_needed.get(session, request_id), role))


def _in_line(term: str, line: str) -> bool:
    words = {t.loose for t in tokens.tokenize(line)}
    wanted = glossary.term_words(term)
    return bool(wanted) and all(t.loose in words for t in wanted)


async def keep(session: Any, role: Role | None, request_id: int, term: str, english: str,
               kind: str, *, now: datetime) -> Term:
    """Propose a word or phrase of an answered line for the district's glossary."""
    role = access.require(role)
    row = _request(await english_needed.get(session, request_id), role)
    if not _in_line(term, row.line):
        raise Invalid(_("Please type words from the seller's line, at most four."))
    english = english.strip()
    if not glossary.valid_english(english) or len(english) > glossary_terms.ENGLISH_MAX:
        raise Invalid(_("Please type the English in English letters (A to Z), briefly."))
    if kind not in glossary_terms.KINDS:
        raise Invalid(_("Please pick what kind of word it is."))
    return await glossary_terms.propose(
        session, district=row.district_code, term=term, english=english, kind=kind,
        by=role.telegram_id, request_id=row.id, now=now)


async def terms(session: Any, role: Role | None, district: str) -> list[Term]:
    """The district's words waiting for a check, then those in use (shared ones too)."""
    role = access.require(role, district)
    return await glossary_terms.of_districts(session, access.scope(role, district),
                                             (PROPOSED, APPROVED))


async def _term(session: Any, role: Role, term_id: int) -> Term:
    term = await glossary_terms.get(session, term_id)
    if term is None:
        raise Gone(_("This word is no longer there."))
    access.require(role, term.district_code)
    return term


async def review(session: Any, role: Role | None, term_id: int, approve: bool, *,
                 now: datetime) -> Term:
    """Approve or reject a word kept by someone else of the staff member's districts."""
    role = access.require(role)
    term = await _term(session, role, term_id)
    if term.proposed_by == role.telegram_id:
        raise Gone(_("Someone else must check a word you kept: another facilitator of "
                     "the district, or an operator."))
    if not await glossary_terms.review(session, term.id, approve, by=role.telegram_id,
                                       now=now):
        raise Gone(_("This word has been checked already."))
    if approve:  # lines the bot can now put into English leave the queue
        await english_needed.settle(session, [term.district_code], now=now)
    return term


async def promote(session: Any, role: Role | None, term_id: int, *, now: datetime) -> Term:
    """An approved word for every district: operators only."""
    role = access.require(role, operator=True)
    term = await _term(session, role, term_id)
    if not await glossary_terms.promote(session, term.id, by=role.telegram_id, now=now):
        raise Gone(_("Only an approved word that is not shared yet can be shared."))
    await english_needed.settle(session, None, now=now)
    return term


async def waiting_count(session: Any, role: Role | None) -> int:
    """Words of the staff member's districts that she may check (not her own)."""
    role = access.require(role)
    found = await glossary_terms.of_districts(session, sorted(role.districts), (PROPOSED,),
                                              limit=1000)
    return sum(t.proposed_by != role.telegram_id for t in found)


# -------------------------------------------------------------------------- screens


@callback("gk")
class KeepTerm:
    request: int  # english_requests.id
    number: int  # 1..: a candidate; 0: another word of the line


@callback("gt")
class TermAction:
    term: int  # glossary_terms.id
    action: str  # ok | no | share


@arguments("glossary")
class GlossaryArgs:
    rest: str  # a district, or "all"


KIND_LABELS = {"product": N_("Product"), "material": N_("Material"),
               "colour": N_("Colour"), "descriptor": N_("Other word")}


async def offer(turn: Turn, request_id: int) -> None:
    """Under a saved English: keep a word of the line for the district's glossary?"""
    found = await candidates(turn.session, await require(turn), request_id)
    lines = [_("📖 Keep a word for your district's glossary? Someone else checks it "
               "before drafts use it.")]
    buttons = []
    for number, candidate in enumerate(found, 1):
        lines.append(f"{number}. {candidate.term}" + (
            f" → {candidate.english}" if candidate.english else ""))
        buttons.append(Button(_("📖 Keep {number}").format(number=number),
                              KeepTerm(request_id, number).pack()))
    buttons.append(Button(_("📖 Another word"), KeepTerm(request_id, 0).pack()))
    turn.say("\n".join(lines), buttons=[buttons[i:i + 3] for i in range(0, len(buttons), 3)]
             + [back_row()])


async def on_keep(turn: Turn, data: KeepTerm) -> None:
    row = await english_needed.get(turn.session, data.request)
    found = await candidates(turn.session, await require(turn), data.request)
    if data.number > len(found):
        raise Gone(_("This button no longer works."))
    context: dict[str, Any] = {"@request": row.id, "@line": row.line}
    if data.number:
        candidate = found[data.number - 1]
        context["@term"] = candidate.term
        if candidate.english:
            context["@english"] = candidate.english
    await forms.start(turn, GLOSSARY_FORM.key, context=context)


def _parse_term(text: str, answers: forms.Answers) -> str:
    term = clean_text(text, 80)
    if not _in_line(term, str(answers.get("@line") or "")):
        raise Invalid(_("Please type words from the seller's line, at most four."))
    return term


def _parse_english(text: str, _answers: forms.Answers) -> str:
    english = clean_text(text, glossary_terms.ENGLISH_MAX)
    if not glossary.valid_english(english):
        raise Invalid(_("Please type the English in English letters (A to Z), briefly."))
    return english


async def _save(turn: Turn, answers: forms.Answers) -> None:
    term = await keep(turn.session, await turn.staff(), int(answers.get("@request") or 0),
                      answers.get("term") or answers.get("@term") or "",
                      answers.get("english") or answers.get("@english") or "",
                      answers.get("kind") or "", now=utcnow())
    turn.say(_("📖 Kept for {district}: {term} → {english}. Someone else checks it before "
               "drafts use it (/glossary).").format(
        district=district_name(term.district_code), term=term.term, english=term.english),
        buttons=[back_row()])


GLOSSARY_FORM = Form(key="glossary_term", title=N_("A glossary word"), save=_save,
                     confirm=False, fields=(
    Field("term", N_("Word"), N_("Type the word or words from the seller's line (at most "
                                  "four), as the seller wrote them."),
          parse=_parse_term, max_len=80, shown_when=lambda a: not a.get("@term")),
    Field("english", N_("English"), N_("Type its English, as a listing should say it."),
          parse=_parse_english, max_len=glossary_terms.ENGLISH_MAX,
          shown_when=lambda a: not a.get("@english")),
    Field("kind", N_("Kind"), N_("What kind of word is it?"), columns=2,
          choices=lambda _a: [Choice(k, _(label)) for k, label in KIND_LABELS.items()]),
))

LIST_MAX = 10


def _state(term: Term) -> str:
    if term.status == PROPOSED:
        return _("waiting for a check")
    return _("shared with all districts") if term.shared else _("in use in the district")


async def show_terms(turn: Turn, role: Role, district: str) -> None:
    items = (await terms(turn.session, role, district))[:LIST_MAX]
    where = district_name(district)
    if not items:
        turn.say(_("📖 No glossary words kept in {where} yet. They are kept from the "
                   "English needed queue (/english).").format(where=where),
                 buttons=[back_row()])
        return
    lines = [_("📖 Glossary words in {where}:").format(where=where)]
    buttons = []
    for number, term in enumerate(items, 1):
        lines.append(f"{number}. {term.term} → {term.english} ({_(KIND_LABELS[term.kind])})"
                     f" — {_state(term)}")
        if term.status == PROPOSED and term.proposed_by != role.telegram_id:
            buttons.append([Button(_("✅ Right {number}").format(number=number),
                                   TermAction(term.id, "ok").pack()),
                            Button(_("✖ Wrong {number}").format(number=number),
                                   TermAction(term.id, "no").pack())])
        elif term.status == APPROVED and not term.shared and role.operator:
            buttons.append([Button(_("🌐 Share {number}").format(number=number),
                                   TermAction(term.id, "share").pack())])
    turn.say("\n".join(lines), buttons=[*buttons, back_row()])


async def on_term(turn: Turn, data: TermAction) -> None:
    role = await require(turn)
    now = utcnow()
    if data.action == "share":
        term = await promote(turn.session, role, data.term, now=now)
        turn.notice = _("🌐 Shared with all districts.")
    elif data.action in ("ok", "no"):
        term = await review(turn.session, role, data.term, data.action == "ok", now=now)
        turn.notice = (_("✅ Approved: drafts use it now.") if data.action == "ok"
                       else _("✖ Rejected: drafts will not use it."))
    else:
        raise Gone(_("This button no longer works."))
    await show_terms(turn, role, term.district_code)


async def say_count(turn: Turn, role: Role) -> None:
    """One line for the staff menu when words wait for this staff member's check."""
    waiting = await waiting_count(turn.session, role)
    if waiting:
        turn.say(_("📖 Glossary words waiting for your check: {count}. /glossary").format(
            count=waiting))


GLOSSARY = StaffScreen("glossary", N_("📖 Glossary words"), show_terms, command="glossary",
                       description=N_("Staff: check and share glossary words"),
                       args=GlossaryArgs, question=N_("Words of which district?"))
