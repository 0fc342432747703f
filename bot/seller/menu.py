"""Main menu, help, and the commands the bot shows in Telegram's command list."""

from __future__ import annotations

from bot.conversation import forms
from bot.conversation.navigation import MenuAction, continue_button, menu_button
from bot.conversation.turn import Button, Turn, fit
from bot.i18n import N_, _
from bot.listing.flow import ProductAction
from bot.steps import flow as steps
from bot.workshops.buttons import WorkshopAction

# (command, description msgid) in the order Telegram shows them.
COMMANDS = (
    ("menu", N_("Main menu")),
    ("steps", N_("My steps to sell online")),
    ("newproduct", N_("Describe a new product")),
    ("products", N_("My products and drafts")),
    ("price", N_("Work out a price")),
    ("workshops", N_("Training workshops")),
    ("nudges", N_("Weekly reminders on or off")),
    ("profile", N_("My profile")),
    ("language", N_("Change language")),
    ("help", N_("How this bot works")),
    ("cancel", N_("Stop the current question")),
    ("mydata", N_("See all data stored about me")),
    ("delete", N_("Delete all my data")),
    ("start", N_("Start again / continue")),
)


def _go(label: str, action: str) -> Button:
    return Button(label, MenuAction(action).pack())


def resume_row(turn: Turn) -> list[Button] | None:
    """A "continue" button when a form was left half-way."""
    if forms.current_form(turn) is None:
        return None
    return [continue_button(fit(_("▶ Continue: {what}").format(what=forms.describe(turn)),
                                _("▶ Continue")))]


async def show(turn: Turn, prefix: str | None = None) -> None:
    seller = turn.seller
    assert seller is not None
    lines = [prefix, ""] if prefix else []
    status = await steps.statuses(turn)
    applicable = steps.applicable(turn)
    lines.append(_("What would you like to do?"))
    lines.append("📋 " + steps.progress_line(applicable, status))
    rows = []
    if (row := resume_row(turn)) is not None:
        rows.append(row)
    rows += [
        [_go(_("➡ Next step"), "next"), _go(_("📋 My steps"), "steps")],
        [Button(_("➕ New product"), ProductAction(0, "new").pack()),
         Button(_("📦 My products"), ProductAction(0, "list").pack())],
        [_go(_("👤 My profile"), "profile"), _go(_("🌐 Language"), "language")],
        [Button(_("🎓 Workshops"), WorkshopAction(0, "list", "").pack())],
        [_go(_("❓ Help"), "help"), _go(_("🗂 My data"), "mydata")],
    ]
    turn.say("\n".join(lines), buttons=rows)


def help_text() -> str:
    lines = [_("I help you get your products online, step by step, in Hindi or English."),
             _("Your answers are saved as you go. You can stop any time and continue later."),
             "", _("Commands:")]
    lines += [f"/{name} — {_(description)}" for name, description in COMMANDS]
    lines += ["", _("Tip: if a question has buttons, you can press one or type your answer.")]
    return "\n".join(lines)


async def show_help(turn: Turn) -> None:
    rows = [[menu_button()]] if turn.seller is not None else []
    turn.say(help_text(), buttons=rows)
