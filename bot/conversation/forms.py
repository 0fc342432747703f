"""The form engine (design decision 2): forms are ordered field declarations.

One engine asks the questions, parses answers, and gives every form back, skip, cancel,
edit-from-summary and resume. What is in progress lives in ``Seller.form_state`` (JSON), so
a form survives restarts and waits for the seller for as long as it takes:

    {"form": "profile", "field": "district" | None (summary card), "answers": {...},
     "trail": [keys answered, in order], "mode": "fill" | "edit", "active": bool,
     "page": 0, "unfolded": bool, "picked": [...multi-select in progress],
     "was": previous answer, "unsure": {"field": key, "text": typed} (an answer waiting
     for "yes, that is right": the button says only "yes", the value stays here)}

Button data is ``FormAction`` (``f|<form>|<field or ->|<action>|<arg>``, the actions named
below). Every press is checked against the stored state, so a button from an old message
explains itself instead of doing harm. Forms are registered by ``build_application()``
(``register``), not on import: a stored form key nobody registered fails a test.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from bot.conversation.callbacks import callback
from bot.conversation.turn import Button, Reply, Turn
from bot.db import sellers
from bot.i18n import _, get_locale
from bot.parsing.validators import (
    CHANGE,
    CONFIRM,
    Choice,
    Invalid,
    Suggest,
    Warned,
    clean_text,
    confirming,
    parse_yes_no,
    whole_number,
)

Answers = dict[str, Any]

# ``provider(turn, form_key, field_key)``: buttons another slice puts under a question
# (🔊 Listen, where a recording exists), or none. Handed over by ``build_application()``
# (``add_question_buttons``), as the staff lookup is handed to the Turn: the kernel
# imports no slice.
QuestionButtons = Callable[[Turn, str, str], Awaitable[list[Button]]]
_EXTRAS: list[QuestionButtons] = []


@dataclass(frozen=True)
class Field:
    key: str
    label: str  # msgid: short name on the summary card
    question: str  # msgid
    hint: str | None = None  # msgid: an example under the question
    # Text parser: returns the value (or Warned), raises Invalid or Suggest.
    parse: Callable[[str, Answers], Any] | None = None
    # Buttons; called at render time so labels are in the current language.
    choices: Callable[[Answers], list[Choice]] | None = None
    optional: bool = False
    shown_when: Callable[[Answers], bool] | None = None
    # text | contact | multi | list (several typed items; with ``choices``, buttons tick
    # ready-made items too) | photos
    kind: str = "text"
    max_items: int = 0  # list/photos: how many at most
    page_size: int = 0  # > 0: choices are paged
    columns: int = 1
    # How a stored value reads on the summary card (default: choice label or the text).
    show: Callable[[Any, Answers], str] | None = None
    # msgid: what a skipped answer means, where skipping takes a default ("a day before and
    # an hour before"), said back and on the summary card instead of "(skipped)" and "—".
    skipped: str | None = None
    max_len: int = 200
    # Answers that no longer fit when this one changes (craft depends on district); or a
    # function of (old value, new value) naming them, when only some changes matter.
    resets: tuple[str, ...] | Callable[[Any, Any], tuple[str, ...]] = ()
    # Long lists (75 districts) start folded behind one "show the list" button: most
    # people type the name, and a screenful of buttons hides the question on a phone.
    folded: bool = False
    # A likely answer or two shown above a folded list (a poster's district: the seller
    # confirms it with one press, or opens the list; ``unfold`` then labels that button).
    suggest: Callable[[Answers], list[Choice]] | None = None
    unfold: str | None = None  # msgid
    # Values for the question's {placeholders}, from the answers so far (the spelling a
    # "✅ Right" button confirms is named in the question, not on the button).
    question_args: Callable[[Answers], dict[str, str]] | None = None

    @property
    def collects(self) -> bool:
        """Answered with several items and a "✔ Done" button."""
        return self.kind in ("multi", "list", "photos")

    def shown(self, answers: Answers) -> bool:
        return self.shown_when is None or self.shown_when(answers)

    def asked(self, answers: Answers) -> str:
        """The question, translated, its placeholders filled."""
        text = _(self.question)
        return text.format(**self.question_args(answers)) if self.question_args else text


@dataclass(frozen=True)
class Form:
    key: str
    title: str  # msgid
    fields: tuple[Field, ...]
    save: Callable[[Turn, Answers], Awaitable[None]]
    confirm: bool = True  # show the summary card before saving
    after_cancel: Callable[[Turn], Awaitable[None]] | None = None
    # /start while this form waits: offer "continue or start again" instead of resuming.
    offer_resume: Callable[[Turn], Awaitable[None]] | None = None
    # Keep the answers in the summary message on save; False when ``save`` replaces that
    # message itself (with the product card), so a phone does not get them twice.
    echo_on_save: bool = True

    def field(self, key: str) -> Field | None:
        return next((f for f in self.fields if f.key == key), None)


@callback("f")
class FormAction:
    form: str
    field: str  # NO_FIELD on the summary card
    action: str
    arg: str


NO_FIELD = "-"
# The actions a form's buttons carry.
CHOOSE = "c"  # pick one choice (arg: its value)
TOGGLE = "t"  # tick or untick in a multi-select (arg: its value)
DONE = "d"  # finish a multi-select, a list or photos
PAGE = "p"  # another page of choices (arg: page number)
UNFOLD = "l"  # show a folded list
SKIP = "s"
BACK = "b"
CANCEL = "x"
EDIT = "e"  # summary card: change one answer (arg: field key)
SAVE = "ok"  # summary card: save
STOP = "xs"  # "✖ Cancel" confirmed: stop here, answers kept
GO_ON = "go"  # "✖ Cancel" not confirmed: back to the question
DISCARD = "xd"  # throw a stopped form's answers away

_FORMS: dict[str, Form] = {}


def register(*forms: Form) -> None:
    """Make forms known by key (``build_application()`` calls this once for all)."""
    for form in forms:
        for f in form.fields:
            if "|" in f.key or "|" in form.key:
                raise ValueError("form and field keys may not contain '|'")
        known = _FORMS.get(form.key)
        if known is not None and known is not form:
            raise ValueError(f"two forms are called {form.key!r}")
        _FORMS[form.key] = form


def add_question_buttons(provider: QuestionButtons) -> None:
    """Buttons under every question from ``provider`` (once, however often it is added)."""
    if provider not in _EXTRAS:
        _EXTRAS.append(provider)


async def _extra_rows(turn: Turn, form: Form, field: Field) -> list[list[Button]]:
    rows = []
    for provider in _EXTRAS:
        buttons = await provider(turn, form.key, field.key)
        if buttons:
            rows.append(list(buttons))
    return rows


def registered() -> dict[str, Form]:
    return dict(_FORMS)


def get_form(key: str) -> Form | None:
    return _FORMS.get(key)


# ---------------------------------------------------------------- state helpers

def state_of(turn: Turn) -> dict[str, Any] | None:
    return turn.row.form_state if turn.row is not None else None


def _put(turn: Turn, state: dict[str, Any] | None) -> None:
    # Assign a fresh dict: the JSON column only notices replacement, not mutation.
    assert turn.row is not None
    turn.row.form_state = dict(state) if state is not None else None


def current_form(turn: Turn) -> Form | None:
    state = state_of(turn)
    return get_form(state["form"]) if state else None


def is_active(turn: Turn) -> bool:
    state = state_of(turn)
    return bool(state and state.get("active") and get_form(state["form"]))


def pause(turn: Turn) -> None:
    """The seller went elsewhere (a command or menu); keep the answers, stop reading text."""
    state = state_of(turn)
    if state and state.get("active"):
        _put(turn, {**state, "active": False})


def discard(turn: Turn) -> None:
    if turn.row is not None:
        _put(turn, None)


def _next_field(form: Form, answers: Answers) -> Field | None:
    return next((f for f in form.fields if f.shown(answers) and f.key not in answers), None)


def _cb(form: Form, field: Field | None, action: str, arg: str = "") -> str:
    return FormAction(form.key, field.key if field else NO_FIELD, action, arg).pack()


# ---------------------------------------------------------------- starting and resuming

async def start(turn: Turn, form_key: str, answers: Answers | None = None,
                context: Answers | None = None, prefix: str = "") -> None:
    """Begin a form; with ``answers`` (editing saved data) it opens on the summary card.
    ``context``: facts the fields' choices may need ("@export"); never saved. ``prefix``
    heads the first question (an introduction: one message, not two)."""
    form = _FORMS[form_key]
    if turn.row is None:
        # Only staff reach a form without a seller row (seller forms need consent first):
        # their form waits on a chat row of their own, which is never a seller.
        turn.staff_chat, turn.stored = await sellers.create_staff_chat(
            turn.session, turn.telegram_id, turn.chat_id, get_locale())
    state = {"form": form.key, "answers": {**(context or {}), **(answers or {})},
             "trail": [], "mode": "fill", "active": True, "page": 0}
    if answers is not None and form.confirm:
        state["field"] = None
        state["mode"] = "edit"
        _put(turn, state)
        _ask_summary(turn, form, state)
        return
    await _advance(turn, form, state, prefix=prefix)


async def resume(turn: Turn) -> None:
    state = state_of(turn)
    form = current_form(turn)
    if not state or form is None:
        return
    state = {**state, "active": True, "page": 0, "stopping": False}
    _put(turn, state)
    if state.get("field") is None:
        _ask_summary(turn, form, state)
    else:
        field = form.field(state["field"])
        if field is None:  # the form changed since this was stored
            await _advance(turn, form, {**state, "field": None})
        else:
            await _ask(turn, form, field, state)


async def _advance(turn: Turn, form: Form, state: dict[str, Any], prefix: str = "",
                   edit: bool = False) -> None:
    """The next question (or the summary, or save); ``prefix`` heads the next question
    (the "✓ ₹1,500" echo of a typed answer: one message, not two). ``edit``: a button was
    pressed on the question just answered; the next question replaces it in place, under
    the answer, so a phone gets no new message (not a contact question: its reply keyboard
    needs a new message)."""
    answers = state["answers"]
    field = _next_field(form, answers)
    if state.get("mode") == "edit" and field is None:
        state = {**state, "field": None}
    if field is not None:
        state = {**state, "field": field.key, "page": 0, "picked": None, "was": None,
                 "unfolded": False, "unsure": None}
        _put(turn, state)
        if edit and field.kind == "contact":
            turn.replies.append(Reply(text=prefix, edit=True))
            prefix, edit = "", False
        await _ask(turn, form, field, state, prefix=prefix, edit=edit)
        return
    if prefix:
        turn.say(prefix, edit=edit)
    if form.confirm:
        state = {**state, "field": None, "mode": "edit"}
        _put(turn, state)
        _ask_summary(turn, form, state)
        return
    await _finish(turn, form, state)


async def _finish(turn: Turn, form: Form, state: dict[str, Any]) -> None:
    # The shown fields' answers, plus the context ("@product") the form was started with.
    answers = {k: v for k, v in state["answers"].items() if k.startswith("@")}
    answers.update({f.key: state["answers"].get(f.key) for f in form.fields
                    if f.shown(state["answers"])})
    _put(turn, None)
    await form.save(turn, answers)


# ---------------------------------------------------------------- rendering

def display_value(field: Field, value: Any, answers: Answers) -> str:
    if value is None or value == []:
        return _(field.skipped) if field.skipped else "—"
    if field.show is not None:
        return field.show(value, answers)
    if field.choices is not None:
        labels = {c.value: c.label for c in field.choices(answers)}
        if isinstance(value, list):
            return ", ".join(labels.get(v, v) for v in value)
        return labels.get(value, str(value))
    return str(value)


def _nav_row(form: Form, field: Field, state: dict[str, Any]) -> list[Button]:
    row = []
    if state.get("mode") == "edit" or state.get("trail"):
        row.append(Button(_("◀ Back"), _cb(form, field, BACK)))
    if field.optional:
        row.append(Button(_("Skip ▶"), _cb(form, field, SKIP)))
    row.append(Button(_("✖ Cancel"), _cb(form, field, CANCEL)))
    return row


def _choice_rows(form: Form, field: Field, state: dict[str, Any],
                 choices: list[Choice]) -> list[list[Button]]:
    page = state.get("page") or 0
    picked = set(state.get("picked") or [])
    visible = choices
    if field.page_size and len(choices) > field.page_size:
        pages = (len(choices) + field.page_size - 1) // field.page_size
        page = min(max(page, 0), pages - 1)
        visible = choices[page * field.page_size:(page + 1) * field.page_size]
    action = TOGGLE if field.kind in ("multi", "list") else CHOOSE
    buttons = [Button(("✅ " if c.value in picked else "") + c.label,
                      _cb(form, field, action, c.value)) for c in visible]
    cols = max(field.columns, 1)
    rows = [buttons[i:i + cols] for i in range(0, len(buttons), cols)]
    if field.page_size and len(choices) > field.page_size:
        pages = (len(choices) + field.page_size - 1) // field.page_size
        # The page number rides on the arrows: a button of its own would do nothing.
        nav = []
        if page > 0:
            nav.append(Button(f"◀ {page}/{pages}", _cb(form, field, PAGE, str(page - 1))))
        if page < pages - 1:
            nav.append(Button(_("More ▶") + f" {page + 2}/{pages}",
                              _cb(form, field, PAGE, str(page + 1))))
        rows.append(nav)
    if field.kind == "multi":
        rows.append([Button(_("✔ Done"), _cb(form, field, DONE))])
    return rows


def _question_text(form: Form, field: Field, state: dict[str, Any]) -> str:
    lines = [field.asked(state["answers"])]
    # The hint once: repeated under every item added to a list it is only noise.
    if field.hint and not (field.kind in ("list", "photos") and state.get("picked")):
        lines.append(_(field.hint))
    if field.kind in ("list", "photos") and state.get("picked"):
        lines.append(display_value(field, state["picked"], state["answers"]))
        return "\n".join(lines)
    previous = state["answers"].get(field.key, state.get("was"))
    if previous not in (None, []):
        lines.append(_("Now: {value}").format(
            value=display_value(field, previous, state["answers"])))
    return "\n".join(lines)


async def _ask(turn: Turn, form: Form, field: Field, state: dict[str, Any], *,
         edit: bool = False, choices: list[Choice] | None = None, prefix: str = "") -> None:
    rows: list[list[Button]] = []
    if choices is None and field.folded and not state.get("unfolded"):
        likely = field.suggest(state["answers"]) if field.suggest is not None else []
        rows.extend([Button("✅ " + c.label, _cb(form, field, CHOOSE, c.value))]
                    for c in likely)
        rows.append([Button(_(field.unfold) if likely and field.unfold
                            else _("📋 Show the list"), _cb(form, field, UNFOLD))])
    elif choices is None and field.choices is not None:
        choices = field.choices(state["answers"])
    if choices:
        rows.extend(_choice_rows(form, field, state, choices))
    if field.kind in ("list", "photos") and (state.get("picked") or field.optional):
        rows.append([Button(_("✔ Done"), _cb(form, field, DONE))])
    rows.extend(await _extra_rows(turn, form, field))
    rows.append(_nav_row(form, field, state))
    text = (prefix + "\n\n" if prefix else "") + _question_text(form, field, state)
    contact = _("📱 Share my number") if field.kind == "contact" else None
    if contact and not edit:
        # A reply keyboard and inline buttons cannot share one message: the contact
        # button comes with the question, the navigation buttons right after it.
        turn.say(text, contact_button=contact)
        turn.say(_("Or type your 10-digit mobile number."), buttons=rows)
        return
    turn.say(text, buttons=rows, edit=edit)


def summary_lines(form: Form, answers: Answers) -> list[str]:
    return [f"{_(f.label)}: {display_value(f, answers.get(f.key), answers)}"
            for f in form.fields if f.shown(answers)]


def _ask_summary(turn: Turn, form: Form, state: dict[str, Any]) -> None:
    answers = state["answers"]
    lines = [_("Please check your answers:"), "", *summary_lines(form, answers)]
    edit_buttons = [Button("✏️ " + _(f.label), _cb(form, None, EDIT, f.key))
                    for f in form.fields if f.shown(answers)]
    rows = [edit_buttons[i:i + 2] for i in range(0, len(edit_buttons), 2)]
    rows.append([Button(_("✅ Save"), _cb(form, None, SAVE)),
                 Button(_("✖ Cancel"), _cb(form, None, CANCEL))])
    turn.say("\n".join(lines), buttons=rows)


# ---------------------------------------------------------------- answers

async def on_text(turn: Turn, text: str) -> None:
    """Text typed while the form waits for an answer."""
    state = state_of(turn)
    form = current_form(turn)
    assert state is not None and form is not None
    if state.get("stopping"):
        state = {**state, "stopping": False}
        _put(turn, state)
        try:
            stop_now = parse_yes_no(text)
        except Invalid:
            stop_now = None  # not a yes or no: an answer to the question after all
        if stop_now is not None:
            await (stop(turn) if stop_now else resume(turn))
            return
    if state.get("field") is None:
        turn.say(_("Please use the buttons below to save or change an answer."))
        _ask_summary(turn, form, state)
        return
    field = form.field(state["field"])
    assert field is not None
    fingerprint = _fingerprint(text)
    last = state.get("last") or {}
    at = last.get("at")  # None for an edited message (no send time of its own)
    if (last.get("text") == fingerprint and isinstance(turn.sent_at, int)
            and isinstance(at, int) and 0 <= turn.sent_at - at <= REPEAT_WINDOW):
        # A double-sent answer must not become the answer to the next question too.
        await _ask(turn, form, field, {**state, "page": 0}, prefix=_(
            "You sent the same message twice; I kept it once."))
        return
    state = {**state, "last": {"text": fingerprint, "at": turn.sent_at}}
    if field.optional and fold(text) in _skip_words():
        await _accept(turn, form, field, state, None)
        return
    try:
        value = _parse(field, text, state["answers"])
    except Invalid as problem:
        if state.get("unsure"):
            state = {**state, "unsure": None}
            _put(turn, state)
        turn.say(problem.message)
        await _ask(turn, form, field, state)
        return
    except Suggest as unsure:
        # A value to confirm stays server-side; the button only says "yes".
        state = {**state, "page": 0,
                 "unsure": {"field": field.key, "text": text} if unsure.confirm else None}
        _put(turn, state)
        await _ask(turn, form, field, state, choices=unsure.choices, prefix=unsure.message)
        return
    if field.kind == "list":
        if isinstance(value, Warned):
            turn.say("⚠️ " + value.warning)
            value = value.value
        await add_item(turn, value)
        return
    await _accept(turn, form, field, state, value)


async def add_item(turn: Turn, item: Any, ack: str | None = None) -> None:
    """One more item for a list or photos field (a typed feature, a received photo);
    ``ack``: the line that says it arrived (default "✓ 2. <the item>")."""
    state = state_of(turn)
    form = current_form(turn)
    assert state is not None and form is not None and state.get("field")
    field = form.field(state["field"])
    assert field is not None and field.kind in ("list", "photos")
    picked = list(state.get("picked") or []) + [item]
    state = {**state, "picked": picked}
    if field.max_items and len(picked) >= field.max_items:
        await _accept(turn, form, field, {**state, "picked": None}, picked)
        return
    _put(turn, state)
    if ack is None:
        shown = display_value(field, [item], state["answers"]).strip().removeprefix("1. ")
        ack = f"✓ {len(picked)}. {shown}"
    # The question is not sent again: a line says what arrived, with "✔ Done" under it
    # (its ready-made choices stay pressable on the question above).
    rows = [[Button(_("✔ Done"), _cb(form, field, DONE))], _nav_row(form, field, state)]
    turn.say(ack, buttons=rows)


def waiting_for(turn: Turn) -> Field | None:
    """The field an active form is asking right now."""
    state = state_of(turn)
    form = current_form(turn)
    if not is_active(turn) or form is None or not state.get("field"):
        return None
    return form.field(state["field"])


def _parse(field: Field, text: str, answers: Answers) -> Any:
    if field.kind == "multi":
        raise Invalid(_("Please choose with the buttons, then press “✔ Done”."))
    if field.kind == "photos":
        raise Invalid(_("Please send a photo here, or press “✔ Done”."))
    if field.parse is not None:
        return field.parse(text, answers)
    # A choice-only field: accept the typed label of one of its buttons.
    wanted = fold(clean_text(text, field.max_len))
    choices = field.choices(answers) if field.choices else []
    for choice in choices:
        if fold(choice.label) == wanted or choice.value == wanted:
            return choice.value
    if {"yes", "no"} <= {c.value for c in choices}:
        # Buttons that say हाँ/नहीं also take typed "ok", "हां", "nahi"...
        try:
            return "yes" if parse_yes_no(text) else "no"
        except Invalid:
            pass
    raise Invalid(_("Please choose one of the buttons."))


REPEAT_WINDOW = 3  # seconds: the same text again this soon is a double send, not an answer


def _fingerprint(text: str) -> str:
    # Only a hash is kept: enough to see a repeat, nothing to read.
    return hashlib.sha256(text.strip().encode()).hexdigest()[:16]


def _skip_words() -> set[str]:
    """Typing the Skip button's word skips too ("skip", "छोड़ें")."""
    return {"skip", fold(_("Skip ▶"))}


def fold(text: str) -> str:
    """Compare typed words loosely: case, width and punctuation do not matter."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in text if ch.isalnum())


async def on_contact(turn: Turn, phone: str) -> None:
    state = state_of(turn)
    form = current_form(turn)
    field = form.field(state["field"]) if form and state and state.get("field") else None
    if field is None or field.kind != "contact":
        turn.say(_("Thank you, but I did not ask for a phone number just now."))
        await resume(turn)
        return
    await on_text(turn, phone)


async def _accept(turn: Turn, form: Form, field: Field, state: dict[str, Any], value: Any,
                  *, pressed_label: str | None = None) -> None:
    if isinstance(value, Warned):
        turn.say("⚠️ " + value.warning)
        value = value.value
    answers = dict(state["answers"])
    echo = ""
    if pressed_label is not None:
        # Show what was chosen in place of the buttons, so old buttons do not linger. A
        # list's answer is the list: its name is enough above it, not the whole question.
        echo = (f"{_(field.label)}: {pressed_label}" if field.collects
                else field.asked(answers) + "\n✓ " + pressed_label)
    if pressed_label is None and value is not None and field.kind not in ("list", "photos"):
        # Typed: say what we understood ("✓ ₹1,500"), so a slip shows at once.
        echo = "✓ " + display_value(field, value, answers)
    if answers.get(field.key) != value:
        resets = field.resets
        if callable(resets):
            resets = resets(answers.get(field.key), value)
        for key in resets:
            answers.pop(key, None)
    answers[field.key] = value
    trail = [k for k in state.get("trail", []) if k != field.key] + [field.key]
    if field.kind == "contact":
        turn.say(_("Thank you."), remove_keyboard=True)
    await _advance(turn, form, {**state, "answers": answers, "trail": trail}, prefix=echo,
                   edit=pressed_label is not None)


async def on_callback(turn: Turn, data: FormAction) -> None:
    form_key, field_key, action, arg = data.form, data.field, data.action, data.arg
    state = state_of(turn)
    form = current_form(turn)
    if state is None or form is None or form.key != form_key:
        turn.notice = _("This button is from an earlier message.")
        if form is not None:
            await resume(turn)
        return
    if action == CANCEL:
        await cancel(turn)
        return
    if action == STOP:
        await stop(turn)
        return
    if action == GO_ON:
        await resume(turn)
        return
    if action == DISCARD:
        if is_active(turn):  # an old button: the seller went on since
            turn.notice = _("This button is from an earlier message.")
            await resume(turn)
            return
        await throw_away(turn)
        return
    state = {**state, "active": True, "stopping": False}
    current = state.get("field") or NO_FIELD
    if field_key != current:
        if state["answers"].get(field_key) == arg and action == CHOOSE:
            turn.notice = _("Already saved ✓")
        else:
            turn.notice = _("This button is from an earlier message.")
            await resume(turn)
        return
    if current == NO_FIELD:
        await _on_summary_action(turn, form, state, action, arg)
        return
    field = form.field(current)
    assert field is not None
    await _on_field_action(turn, form, field, state, action, arg)


async def _on_summary_action(turn: Turn, form: Form, state: dict[str, Any], action: str,
                             arg: str) -> None:
    if action == SAVE and _next_field(form, state["answers"]) is not None:
        # A change (a new category) made a question apply that has no answer yet.
        turn.notice = _("One more answer is needed first.")
        await _advance(turn, form, state)
    elif action == SAVE:
        if form.echo_on_save:
            echo = "\n".join(summary_lines(form, state["answers"])) + "\n\n"
            turn.replies.append(Reply(text=echo + _("✅ Saved."), edit=True))
        await _finish(turn, form, state)
    elif action == EDIT and (field := form.field(arg)) is not None and field.shown(
            state["answers"]):
        state = {**state, "field": field.key, "mode": "edit", "page": 0,
                 "picked": state["answers"].get(field.key) if field.collects else None}
        _put(turn, state)
        await _ask(turn, form, field, state)
    else:
        turn.notice = _("This button no longer works.")
        _ask_summary(turn, form, state)


async def _on_field_action(turn: Turn, form: Form, field: Field, state: dict[str, Any],
                           action: str, arg: str) -> None:
    choices = field.choices(state["answers"]) if field.choices else []
    labels = {c.value: c.label for c in choices}
    if action == CHOOSE and arg == CONFIRM and field.kind == "text":
        kept = state.get("unsure") or {}
        if kept.get("field") != field.key:
            turn.notice = _("This button no longer works.")
            await _ask(turn, form, field, state)
            return
        try:
            with confirming():
                value = _parse(field, kept["text"], state["answers"])
        except (Invalid, Suggest):
            turn.notice = _("This button no longer works.")
            await _ask(turn, form, field, {**state, "unsure": None})
            return
        await _accept(turn, form, field, {**state, "unsure": None}, value,
                      pressed_label=display_value(field, value, state["answers"]))
    elif action == CHOOSE and arg == CHANGE and field.kind == "text":
        # "✏️ Change" beside a check-back: the question again, the kept text forgotten.
        state = {**state, "unsure": None}
        _put(turn, state)
        await _ask(turn, form, field, state)
    elif action == CHOOSE and field.kind != "multi":
        if arg not in labels:
            # A "did you mean" button: the value is valid if the parser accepts its key.
            try:
                value = _parse(field, arg, state["answers"])
            except (Invalid, Suggest):
                turn.notice = _("This button no longer works.")
                await _ask(turn, form, field, state)
                return
            await _accept(turn, form, field, state, value,
                          pressed_label=display_value(field, value, state["answers"]))
            return
        # "✓ ✅ Right" would tick twice: the echo's own ✓ is enough.
        await _accept(turn, form, field, state, arg,
                      pressed_label=labels[arg].removeprefix("✅ "))
    elif action == UNFOLD:
        state = {**state, "unfolded": True, "page": 0}
        _put(turn, state)
        await _ask(turn, form, field, state, edit=True)
    elif action == PAGE and (page := whole_number(arg)) is not None:
        state = {**state, "page": page, "unfolded": True}
        _put(turn, state)
        await _ask(turn, form, field, state, edit=True)
    elif action == TOGGLE and field.kind in ("multi", "list") and arg in labels:
        picked = list(state.get("picked") or [])
        if arg not in picked and field.max_items and len(picked) >= field.max_items:
            turn.notice = _("That is the most you can add here.")
            return
        picked = [v for v in picked if v != arg] if arg in picked else picked + [arg]
        state = {**state, "picked": picked}
        _put(turn, state)
        await _ask(turn, form, field, state, edit=True)
    elif action == DONE and field.collects:
        picked = list(state.get("picked") or [])
        if field.kind == "multi":
            picked = [v for v in picked if v in labels]
        if not picked and not field.optional:
            turn.notice = _("Please choose at least one.")
            return
        await _accept(turn, form, field, {**state, "picked": None}, picked,
                      pressed_label=display_value(field, picked, state["answers"]))
    elif action == SKIP and field.optional:
        await _accept(turn, form, field, state, None,
                      pressed_label=_(field.skipped) if field.skipped else _("(skipped)"))
    elif action == BACK:
        await back(turn, form, field, state)
    else:
        turn.notice = _("This button no longer works.")


async def back(turn: Turn, form: Form, field: Field, state: dict[str, Any]) -> None:
    if state.get("mode") == "edit" and field.key not in state["answers"] and not field.optional:
        # Asked because an edit made it apply: the summary would have a gap, so stay.
        turn.say(_("This answer is needed because of the change you made. Please answer it; "
                   "you can change anything afterwards."))
        await _ask(turn, form, field, state)
        return
    if state.get("mode") == "edit":
        state = {**state, "field": None}
        _put(turn, state)
        _ask_summary(turn, form, state)
        return
    trail = list(state.get("trail") or [])
    if not trail:
        await _ask(turn, form, field, state)
        return
    previous = trail.pop()
    answers = dict(state["answers"])
    was = answers.pop(previous, None)
    prev_field = form.field(previous)
    state = {**state, "answers": answers, "trail": trail, "field": previous, "page": 0,
             "was": was,
             "picked": was if prev_field and prev_field.collects else None}
    _put(turn, state)
    await _ask(turn, form, prev_field, state)


async def cancel(turn: Turn) -> None:
    """✖ Cancel or /cancel: ask first. An active form is stopped with its answers kept;
    a stopped one can then be thrown away."""
    form = current_form(turn)
    if form is None:
        return
    what = describe(turn)
    if is_active(turn):
        # Typed हाँ / नहीं answer this question, not the form's (see on_text).
        _put(turn, {**state_of(turn), "stopping": True})
        turn.say(_("Stop “{what}” here? Your answers so far are kept, and you can continue "
                   "later.").format(what=what),
                 buttons=[[Button(_("✖ Yes, stop"), _cb(form, None, STOP)),
                           Button(_("▶ No, go on"), _cb(form, None, GO_ON))]])
        return
    turn.say(_("Throw away your unfinished answers for “{what}”?").format(what=what),
             buttons=[[Button(_("🗑 Yes, throw away"), _cb(form, None, DISCARD)),
                       Button(_("▶ No, go on"), _cb(form, None, GO_ON))]])


async def stop(turn: Turn) -> None:
    form = current_form(turn)
    pause(turn)
    if (state := state_of(turn)) and state.get("stopping"):
        _put(turn, {**state, "stopping": False})
    turn.say(_("Stopped. Your answers are kept: press “▶ Continue” when you want to go on."),
             remove_keyboard=True)
    if form is not None and form.after_cancel is not None:
        await form.after_cancel(turn)


async def throw_away(turn: Turn) -> None:
    form = current_form(turn)
    _put(turn, None)
    turn.say(_("Cancelled. Nothing was changed."), remove_keyboard=True)
    if form is not None and form.after_cancel is not None:
        await form.after_cancel(turn)


def describe(turn: Turn) -> str:
    """Name of the paused form, for "continue where you left off" offers."""
    form = current_form(turn)
    return _(form.title) if form else ""



# ---------------------------------------------------------------- answers from elsewhere

class Moved(Exception):
    """The seller's form is no longer at the question an answer was meant for."""


async def enter(turn: Turn, field_key: str, text: str) -> str:
    """An answer from someone other than the seller (a facilitator who heard her voice
    note; later a transcript) for the question her form waits at, through that field's own
    parser, as if she had typed it: the form moves on. ``turn`` is the seller's (its
    replies are not hers to see: the caller tells her). Returns the answer as her summary
    card would show it; raises ``Invalid`` with the parser's reason, or ``Moved``."""
    state = state_of(turn)
    form = current_form(turn)
    if not state or form is None or state.get("field") != field_key:
        raise Moved(field_key)
    field = form.field(field_key)
    if field is None or field.kind in ("multi", "photos"):
        raise Invalid(_("This question is answered with buttons or photos; only the seller "
                        "can answer it."))
    try:
        value = _parse(field, text, state["answers"])
    except Suggest as unsure:
        # A check-back ("did you mean…?") needs her "yes": say what the parser doubted.
        raise Invalid(unsure.message) from None
    if isinstance(value, Warned):
        value = value.value
    if field.kind == "list":
        value = [value]
    shown = display_value(field, value, state["answers"])
    await _accept(turn, form, field, {**state, "unsure": None, "picked": None}, value)
    # She has not seen the next question yet: typed text must not answer it unseen.
    pause(turn)
    return shown


async def reopen(turn: Turn, form_key: str, field_key: str) -> bool:
    """Ask one answered question of the form in progress again ("change what my
    facilitator entered"); False if that form or question is no longer there."""
    state = state_of(turn)
    form = current_form(turn)
    field = form.field(field_key) if form is not None and form.key == form_key else None
    if not state or field is None or not field.shown(state["answers"]):
        return False
    state = {**state, "field": field.key, "active": True, "page": 0, "unsure": None,
             "stopping": False,
             "picked": state["answers"].get(field.key) if field.collects else None}
    _put(turn, state)
    await _ask(turn, form, field, state)
    return True


def question_at(form_state: dict[str, Any] | None) -> tuple[Form, Field] | None:
    """The form and question a stored state waits at (None: none, or its summary)."""
    form = get_form(form_state["form"]) if form_state else None
    field = form.field(form_state.get("field") or "") if form is not None else None
    return (form, field) if field is not None else None
