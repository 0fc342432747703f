"""A bot ``Form`` (``bot.conversation.forms``) as one HTML form: the same fields, questions,
choices and parsers as the bot's, filled in at once instead of one question at a time.

``read`` walks the fields in their order, as the bot asks them: a field shown only after
another answer (``shown_when``) is read only when that answer makes it shown; each text
goes through the field's own parser, so a typed date ("कल सुबह 10 बजे"), a district or a
capacity means on the page what it means in the chat. A parser that asks "right?"
(``check_back``) is answered by the review step instead: ``read`` parses as confirmed,
and the page shows every answer in words (``display_value``) before anything is saved.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from bot.conversation.forms import Answers, Field, display_value
from bot.i18n import _
from bot.parsing.validators import Choice, Invalid, Suggest, Warned, confirming

TYPED = "__typed"  # the "or type it" box beside a list of choices


@dataclass(frozen=True)
class Shown:
    """One field as the page renders it."""

    key: str
    label: str
    question: str
    hint: str | None
    choices: list[Choice]  # a select (with a typed box too when the field parses text)
    typed: bool  # a text box (alone, or beside the choices)
    optional: bool
    max_len: int
    value: str  # what was posted (or the stored answer as text)
    typed_value: str  # in the typed box beside the choices
    error: str | None
    long: bool  # a textarea


def _text_of(field: Field, value: Any, answers: Answers) -> str:
    """A stored answer as the text a person would type for it (an edit's starting point)."""
    if value is None or value == []:
        return ""
    values = {c.value for c in field.choices(answers)} if field.choices else set()
    if isinstance(value, str) and value in values:
        return value
    if isinstance(value, list) and len(value) == 1 and value[0] in values:
        return value[0]  # one of the choices (a facilitator's one district)
    if field.show is not None:
        return field.show(value, answers)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def posted_from(fields: Iterable[Field], answers: Answers) -> dict[str, str]:
    """The texts that would give these answers back (an edit form's first look)."""
    return {f.key: _text_of(f, answers.get(f.key), answers) for f in fields}


def _one(field: Field, posted: dict[str, str], answers: Answers) -> Any:
    """The field's value from the posted texts; ``Invalid`` says what is wrong."""
    typed = (posted.get(field.key + TYPED) or "").strip()
    text = (posted.get(field.key) or "").strip()
    choices = field.choices(answers) if field.choices else []
    values = {c.value for c in choices}
    if choices and not typed and text in values:
        return text  # a pressed button: its value, as the bot takes it
    text = typed or text
    if not text:
        if field.optional:
            return None
        raise Invalid(_("This field is required."))
    if len(text) > field.max_len:
        raise Invalid(_("That is too long: at most {n} characters, please.").format(
            n=field.max_len))
    if field.parse is None:
        raise Invalid(_("Please choose one of the buttons."))
    try:
        with confirming():  # the review step says it back instead
            value = field.parse(text, answers)
    except Suggest as unsure:
        raise Invalid(unsure.message + " " + ", ".join(c.label for c in unsure.choices)
                      ) from None
    return value.value if isinstance(value, Warned) else value


def read(fields: Iterable[Field], posted: dict[str, str], context: Answers
         ) -> tuple[Answers, dict[str, str]]:
    """(answers, errors by field key): the answers start from ``context`` ("@" keys)."""
    answers: Answers = dict(context)
    errors: dict[str, str] = {}
    for field in fields:
        if not field.shown(answers):
            answers.pop(field.key, None)
            continue
        try:
            answers[field.key] = _one(field, posted, answers)
        except Invalid as problem:
            errors[field.key] = problem.message
            answers[field.key] = None
        except (TypeError, KeyError, AttributeError, ValueError):
            if not errors:
                raise
            # It reads an earlier answer that is wrong ("Ends" needs "Starts").
            errors[field.key] = _("Please correct the answer above first.")
            answers[field.key] = None
    return answers, errors


def _could_show(field: Field, earlier: list[Field], answers: Answers) -> bool:
    """Is the field asked for some answer to one earlier field ("Address" once "At a
    place" is chosen)? Context ("@lang") stays as it is: a field it hides is not drawn."""
    if field.shown(answers):
        return True
    for other in earlier:
        candidates = ([c.value for c in other.choices(answers)] if other.choices else [])
        for value in candidates or ["x"]:
            if field.shown({**answers, other.key: value}):
                return True
    return False


def shown(fields: Iterable[Field], posted: dict[str, str], answers: Answers,
          errors: dict[str, str] | None = None) -> list[Shown]:
    """The fields to render: each one the bot could ask here (one asked only after some
    answer is marked optional: it is read only when that answer is given)."""
    out: list[Shown] = []
    earlier: list[Field] = []
    for field in fields:
        drawn = _could_show(field, earlier, answers)
        earlier.append(field)
        if not drawn:
            continue
        choices = field.choices(answers) if field.choices else []
        out.append(Shown(
            field.key, _(field.label), field.asked(answers),
            _(field.hint) if field.hint else None, choices,
            typed=field.parse is not None,
            optional=field.optional or not field.shown(answers), max_len=field.max_len,
            value=posted.get(field.key) or "", typed_value=posted.get(field.key + TYPED) or "",
            error=(errors or {}).get(field.key), long=field.max_len > 300))
    return out


def review(fields: Iterable[Field], answers: Answers) -> list[tuple[str, str]]:
    """(label, the answer in words) of every field asked: what is saved, said back."""
    return [(_(f.label), display_value(f, answers.get(f.key), answers))
            for f in fields if f.shown(answers)]


def carried(fields: Iterable[Field], posted: dict[str, str]) -> dict[str, str]:
    """The posted texts to carry through the review page (parsed again on saving)."""
    keys = [k for f in fields for k in (f.key, f.key + TYPED)]
    return {k: posted[k] for k in keys if posted.get(k)}
