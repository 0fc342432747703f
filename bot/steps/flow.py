"""Digitisation steps: the checklist from PAN to a marketplace account (and export papers).

Each step is declared once: its texts (``bot.step_texts``), the numbers it asks for (form
fields, validated), which steps should come first, and whether only exporters see it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, func, insert, select, update

from bot.conversation import forms
from bot.conversation.callbacks import callback
from bot.conversation.forms import Answers, Field, Form
from bot.conversation.navigation import menu_button
from bot.conversation.turn import Button, Turn, fit
from bot.db.models import StepProgress, utcnow
from bot.helpdesk import relay, voice
from bot.i18n import N_, _
from bot.parsing.validators import (
    Choice,
    Invalid,
    Warned,
    clean_text,
    parse_email,
    parse_gst_enrolment_id,
    parse_gstin,
    parse_ifsc,
    parse_pan,
    parse_pin,
    parse_udyam,
    unsure,
)
from bot.reference import stated
from bot.reference.councils import councils_for
from bot.reference.marketplaces import all_rules
from bot.steps.texts import COUNCIL_NAMES, HELP_TEXT, STEP_TEXTS, StepText
from bot.templates import render

DONE, TODO, HELP = "done", "todo", "help"
MARK = {DONE: "✅", TODO: "⬜", HELP: "🙋"}


def _marketplace_choices(answers: Answers) -> list[Choice]:
    """Every marketplace of the reference data; an export-only one for exporters, or when
    already chosen."""
    chosen = answers.get("marketplaces") or ()
    return [Choice(key, _(rules.label)) for key, rules in all_rules().items()
            if not rules.export_only or answers.get("@export") or key in chosen]


def _parse_upi(text: str, _answers: Answers) -> str:
    value = clean_text(text, 60).replace(" ", "").lower()
    name, at, handle = value.partition("@")
    if not (at and name and handle and handle.isalnum()
            and all(ch.isalnum() or ch in "._-" for ch in name)):
        raise Invalid(_("A UPI ID looks like name@bank, for example sunita@sbi. "
                        "Please check and type it again."))
    return value


def _parse_iec(text: str, _answers: Answers) -> str:
    value = "".join(ch for ch in clean_text(text, 30).upper() if ch.isalnum())
    if len(value) != 10:
        raise Invalid(_("An IEC has 10 letters and numbers; since 2017 it is the same as "
                        "your PAN. Please check and type it again."))
    return value


def _gst_kind_choices(_answers: Answers) -> list[Choice]:
    return [Choice("gstin", _("I have a GSTIN")),
            Choice("eid", _("I have enrolment ID"))]


def _council_choices(_answers: Answers) -> list[Choice]:
    return [Choice(code, _(name)) for code, name in COUNCIL_NAMES.items()]


def _council_line(turn: Turn) -> str:
    """Which council fits this seller's craft (shown on the RCMC step)."""
    advice = councils_for(turn.seller.craft_key)
    names = _(" or ").join(_(COUNCIL_NAMES[code]) for code in advice.councils)
    line = _("For your craft: {councils}.").format(councils=names)
    if advice.confidence == "U":
        line += " " + _("Check with the council that it covers your products.")
    return line


def _parse_rcmc(text: str, _answers: Answers) -> str:
    value = clean_text(text, 40)
    if not any(ch.isdigit() for ch in value):
        raise Invalid(_("Please type the RCMC number as written on your certificate."))
    return value


@dataclass(frozen=True)
class Step:
    key: str
    fields: tuple[Field, ...] = ()
    needs: tuple[str, ...] = ()  # steps that should be done first
    export_only: bool = False
    # A button on the step's screen that opens another feature (label msgid); what it
    # opens is wired in handlers/steps.py, so this slice imports none of them.
    opens: str | None = None

    @property
    def text(self) -> StepText:
        return STEP_TEXTS[self.key]


def _parse_gstin(text: str, answers: Answers) -> str | Warned:
    """A GSTIN carries its holder's PAN (characters 3-12): one that differs from the PAN
    step's is questioned, not silently stored."""
    result = parse_gstin(text)
    gstin = result.value if isinstance(result, Warned) else result
    pan = answers.get("@pan")
    if pan and gstin[2:12] != pan:
        unsure(_("This GSTIN belongs to PAN {other}, but your PAN is {pan}. Please check. "
                 "If it is right, press the button.").format(other=gstin[2:12], pan=pan),
               _("Yes, it is right"))
    return result


STEPS: tuple[Step, ...] = (
    Step("pan", (Field("pan", N_("PAN"), N_("Please type your PAN (10 letters and numbers)."),
                       hint=N_("For example: ABCPE1234F"), optional=True,
                       parse=lambda t, _a: parse_pan(t)),)),
    Step("aadhaar_mobile"),
    Step("bank_upi", (
        Field("ifsc", N_("IFSC"), N_("Please type your bank branch's IFSC code. It is "
                                     "printed on your cheque book or passbook."),
              hint=N_("For example: SBIN0001234"), optional=True,
              parse=lambda t, _a: parse_ifsc(t)),
        Field("upi", N_("UPI ID"), N_("Please type your UPI ID."),
              hint=N_("For example: sunita@sbi"), optional=True, parse=_parse_upi),
    )),
    Step("email", (Field("email", N_("Email"), N_("Please type the email address you use "
                                                  "for your business."),
                         optional=True, parse=lambda t, _a: parse_email(t)),)),
    Step("udyam", (Field("udyam", N_("Udyam number"),
                         N_("Please type your Udyam registration number."),
                         hint=N_("For example: UDYAM-UP-12-0001234"), optional=True,
                         parse=lambda t, _a: parse_udyam(t)),),
         needs=("pan", "aadhaar_mobile")),
    Step("gst", (
        Field("kind", N_("GST"), N_("Which one do you have?"), choices=_gst_kind_choices),
        Field("gstin", N_("GSTIN"), N_("Please type your GSTIN (15 letters and numbers)."),
              hint=N_("For example: 09ABCPE1234F1Z9"), optional=True,
              parse=_parse_gstin, shown_when=lambda a: a.get("kind") == "gstin"),
        Field("eid", N_("Enrolment ID"), N_("Please type your GST enrolment ID."),
              optional=True, parse=lambda t, _a: parse_gst_enrolment_id(t),
              shown_when=lambda a: a.get("kind") == "eid"),
    ), needs=("pan",)),
    Step("choose_marketplaces", (
        Field("marketplaces", N_("Marketplaces"),
              N_("Where do you want to sell? Choose one or more, then press “✔ Done”."),
              choices=_marketplace_choices, kind="multi", columns=2),)),
    Step("seller_account", (
        Field("accounts", N_("Accounts"), N_("On which marketplaces is your seller account "
                                             "open? Choose, then press “✔ Done”."),
              choices=_marketplace_choices, kind="multi", columns=2),
        Field("pickup_pin", N_("Pickup PIN code"),
              N_("Please type the PIN code of your pickup address."),
              hint=N_("For example: 283203"), optional=True,
              parse=lambda t, _a: parse_pin(t)),
    ), needs=("gst", "bank_upi", "email", "choose_marketplaces")),
    Step("photos"),
    Step("first_listing", needs=("seller_account", "photos"), opens=N_("📦 My products")),
    Step("packaging", opens=N_("📦 Packing checklists")),
    Step("shipping_returns", needs=("seller_account",)),
    Step("iec", (Field("iec", N_("IEC"), N_("Please type your IEC (Import Export Code)."),
                       optional=True, parse=_parse_iec),),
         needs=("pan", "bank_upi"), export_only=True),
    Step("rcmc", (
        Field("council", N_("Council"), N_("Which export council gave your RCMC?"),
              choices=_council_choices),
        Field("rcmc", N_("RCMC number"), N_("Please type your RCMC number."), optional=True,
              parse=_parse_rcmc),
    ), needs=("iec",), export_only=True),
    Step("gs1_barcodes", needs=("gst",), export_only=True),
)
_BY_KEY = {step.key: step for step in STEPS}
_FORM_PREFIX = "s_"


@callback("s")
class StepAction:
    step: str  # a step key, or ALL_STEPS
    action: str


ALL_STEPS = "-"
VIEW, OVERVIEW = "v", "o"
MARK_DONE, MARK_TODO, MARK_HELP = "d", "n", "h"
OPEN = "go"  # the step's ``opens`` button
HOW, WHY = "i", "w"  # "ℹ️ More" / "◀ Why": the card, edited, shows how or why
CARD_MAX = 600  # characters: a step card a slow reader finishes on a phone's screen


def _step_button_data(key: str, action: str) -> str:
    return StepAction(key, action).pack()


async def on_button(turn: Turn, data: StepAction) -> None:
    if data.action == OVERVIEW:
        await overview(turn)
    elif data.action == VIEW:
        await detail(turn, data.step)
    elif data.action in (HOW, WHY):
        await detail(turn, data.step, how=data.action == HOW, edit=True)
    else:
        await mark(turn, data.step, data.action)


def applicable(turn: Turn) -> list[Step]:
    exporter = turn.seller is not None and turn.seller.wants_export == "yes"
    return [s for s in STEPS if exporter or not s.export_only]


_TABLE = StepProgress.__table__


async def statuses(turn: Turn) -> dict[str, Row]:
    """step key -> row (step_key, status, data, updated_at) for this seller."""
    assert turn.seller is not None
    return await statuses_of(turn.session, turn.seller.id)


async def statuses_of(session: Any, seller_id: int) -> dict[str, Row]:
    """``statuses`` for a service that has no Turn."""
    rows = await session.execute(
        select(_TABLE.c.step_key, _TABLE.c.status, _TABLE.c.data, _TABLE.c.updated_at)
        .where(_TABLE.c.seller_id == seller_id).order_by(_TABLE.c.id))
    return {row.step_key: row for row in rows}


def next_step(steps: list[Step], status: dict[str, Row]) -> Step | None:
    """The first open step whose prerequisites are done; else the first open one."""
    done = {k for k, row in status.items() if row.status == DONE}
    open_steps = [s for s in steps if s.key not in done]
    ready = [s for s in open_steps if all(n in done or n not in _BY_KEY for n in s.needs)]
    return (ready or open_steps or [None])[0]


def progress_line(steps: list[Step], status: dict[str, Row]) -> str:
    done = sum(1 for s in steps if (row := status.get(s.key)) and row.status == DONE)
    return _("{done} of {total} steps done").format(done=done, total=len(steps))


async def _set(turn: Turn, key: str, status: str, data: dict[str, Any] | None = None
               ) -> None:
    assert turn.seller is not None
    values: dict[str, Any] = {"status": status, "updated_at": utcnow()}
    if data is not None:
        values["data"] = data
    where = (_TABLE.c.seller_id == turn.seller.id) & (_TABLE.c.step_key == key)
    result = await turn.session.execute(update(_TABLE).where(where).values(**values))
    if result.rowcount == 0:
        await turn.session.execute(insert(_TABLE).values(seller_id=turn.seller.id,
                                                         step_key=key, **values))
    await _count_done(turn)
    await refresh_half(turn)


async def _count_done(turn: Turn) -> None:
    """Keep ``sellers.steps_done`` true after a step changed (``_set`` is the one place
    step rows are written): who needs help reads it instead of counting every seller's
    step rows."""
    seller = turn.seller
    assert seller is not None
    done = await turn.session.execute(
        select(func.count()).select_from(_TABLE)
        .where(_TABLE.c.seller_id == seller.id, _TABLE.c.status == DONE))
    seller.steps_done = done.scalar_one()


def half_needed(wants_export: str | None) -> int:
    """Done steps that make "half the steps" in the staff funnel: exporters see the export
    steps too. Migration 0010 froze these numbers to fill ``half_steps_at`` for sellers
    already there: a change to ``STEPS`` that changes them needs a data migration
    (tests/test_steps.py says so)."""
    total = sum(1 for s in STEPS if wants_export == "yes" or not s.export_only)
    return math.ceil(total / 2)


async def refresh_half(turn: Turn) -> None:
    """Keep ``sellers.half_steps_at`` true after a step or the export answer changed: the
    moment the seller's done steps reached half (the time of the n-th done step), or
    nothing while fewer are done."""
    seller = turn.seller
    assert seller is not None
    reached = await turn.session.execute(
        select(_TABLE.c.updated_at)
        .where(_TABLE.c.seller_id == seller.id, _TABLE.c.status == DONE)
        .order_by(_TABLE.c.updated_at, _TABLE.c.id)
        .limit(1).offset(half_needed(seller.wants_export) - 1))
    seller.half_steps_at = reached.scalar()


async def done_elsewhere(turn: Turn, key: str, data: dict[str, Any] | None = None) -> None:
    """The seller did this step elsewhere in the bot (an email in the profile, a product's
    photos): mark it done. Only a step never marked either way, so "⏳ Not yet" sticks."""
    if key in _BY_KEY and key not in await statuses(turn):
        await _set(turn, key, DONE, data)


# ---------------------------------------------------------------- screens

async def overview(turn: Turn, prefix: str | None = None) -> None:
    steps = applicable(turn)
    status = await statuses(turn)
    lines = ([prefix, ""] if prefix else []) + ["📋 " + progress_line(steps, status)]
    # The buttons carry each step's mark: listing them in the text too would double the
    # message's height on a phone.
    buttons = []
    for step in steps:
        row = status.get(step.key)
        mark = MARK[row.status if row else TODO]
        buttons.append(Button(f"{mark} {_(step.text.title)}", _step_button_data(step.key, VIEW)))
    rows = [buttons[i:i + 2] for i in range(0, len(buttons), 2)]
    nxt = next_step(steps, status)
    if nxt is None:
        lines += ["", _("🎉 All steps are done. Well done!")]
    else:
        lines += [_("✅ done · ⬜ not yet · 🙋 you asked for help"),
                  _("Press a step to see what to do.")]
        title = _(nxt.text.title)
        rows.insert(0, [Button(fit(_("➡ Next: {step}").format(step=title), f"➡ {title}"),
                               _step_button_data(nxt.key, VIEW))])
    rows.append([menu_button()])
    turn.say("\n".join(lines), buttons=rows)


async def show_next(turn: Turn) -> None:
    steps = applicable(turn)
    nxt = next_step(steps, await statuses(turn))
    if nxt is None:
        await overview(turn)
    else:
        await detail(turn, nxt.key)


async def detail(turn: Turn, key: str, *, how: bool = False, edit: bool = False) -> None:
    """The step's card: why and what you need; ``how`` (after "ℹ️ More"): the same message
    edited to the numbered how-to, so the first card stays short."""
    step = _BY_KEY.get(key)
    if step is None or step not in applicable(turn):
        turn.notice = _("This button no longer works.")
        await overview(turn)
        return
    row = (await statuses(turn)).get(key)
    state = row.status if row else TODO
    state_text = {DONE: _("✅ Done"), TODO: _("⬜ Not done yet"),
                  HELP: _("🙋 You asked for help")}[state]
    if (state == HELP and turn.seller is not None
            and await relay.staff_wrote_since(turn.session, turn.seller.id, row.updated_at)):
        state_text = _("🙋 You asked for help. Help is on the way: your facilitator has "
                       "written to you.")
    text = step.text
    steps_how = ""
    if how:
        steps_how = stated.fill(_(text.how))
        if key == "rcmc":
            steps_how += "\n" + _council_line(turn)
    card = render("step_detail.txt", title=_(text.title), state=state_text,
                  why=stated.fill(_(text.why)), need=stated.fill(_(text.need)), how=steps_how,
                  saved=_saved_lines(step, row))
    # The other half of the card, on the same message.
    other = (Button(_("◀ Why"), _step_button_data(key, WHY)) if how
             else Button(_("ℹ️ More"), _step_button_data(key, HOW)))
    listen = await voice.listen_button(turn.session, f"step:{key}",
                                       turn.seller.district_code if turn.seller else None)
    rows = [*([listen] if listen else []),
            [Button(_("✅ Done"), _step_button_data(key, MARK_DONE)),
             Button(_("⏳ Not yet"), _step_button_data(key, MARK_TODO))],
            [other, Button(_("🙋 I need help"), _step_button_data(key, MARK_HELP))],
            *([[Button(_(step.opens), _step_button_data(key, OPEN))]] if step.opens else []),
            [Button(_("◀ All steps"), _step_button_data(ALL_STEPS, OVERVIEW)), menu_button()]]
    turn.say(card, buttons=rows, edit=edit)


def _saved_lines(step: Step, row: Row | None) -> list[str]:
    if row is None or not row.data:
        return []
    data = row.data
    return [f"{_(f.label)}: {forms.display_value(f, data.get(f.key), data)}"
            for f in step.fields if f.shown(data) and data.get(f.key) not in (None, [])]


async def mark(turn: Turn, key: str, action: str) -> None:
    step = _BY_KEY.get(key)
    if step is None or step not in applicable(turn):
        turn.notice = _("This button no longer works.")
        await overview(turn)
        return
    if action == MARK_DONE:
        if step.fields:
            pan_row = (await statuses(turn)).get("pan")
            await forms.start(turn, _FORM_PREFIX + key,
                              context={"@export": turn.seller.wants_export == "yes",
                                       "@pan": (pan_row.data or {}).get("pan")
                                       if pan_row else None})
        else:
            await _set(turn, key, DONE)
            await _after_done(turn, step)
    elif action == MARK_TODO:
        await _set(turn, key, TODO)
        turn.notice = _("OK, this step stays open.")
        await overview(turn)
    elif action == MARK_HELP:
        await _set(turn, key, HELP)
        turn.say(_(HELP_TEXT))
        await overview(turn)


async def _after_done(turn: Turn, step: Step) -> None:
    turn.notice = _("Saved ✓")
    await overview(turn, prefix=_("✅ {step}: done.").format(step=_(step.text.title)))


def _save_step(step: Step):
    async def save(turn: Turn, answers: Answers) -> None:
        await _set(turn, step.key, DONE, {k: v for k, v in answers.items()
                                          if v is not None and not k.startswith("@")})
        await _after_done(turn, step)

    return save


async def _after_cancel(turn: Turn) -> None:
    await overview(turn)


# One form per step that asks for numbers; build_application() registers them.
FORMS = tuple(Form(_FORM_PREFIX + step.key, step.text.title, step.fields,
                   save=_save_step(step), confirm=False, after_cancel=_after_cancel)
              for step in STEPS if step.fields)
