"""The facilitator's side as screens and buttons: the /staff menu, invitations, the staff
list, district progress, who needs help, exports and posters.

Every entry point starts with ``_require``: the role and the district are checked again on
each command and each press (nothing is trusted from the button's data), so a facilitator
who was removed, or who edits a button to name another district, gets a plain "no".
"""

from __future__ import annotations

import asyncio
from typing import Any

from bot.admin import chart, exports, posters, staff, stats
from bot.admin.staff import Role
from bot.conversation import forms
from bot.conversation.callbacks import callback
from bot.conversation.turn import Button, Gone, Turn
from bot.i18n import N_, _, get_locale
from bot.reference import districts as reference
from bot.steps.texts import STEP_TEXTS
from bot.workshops.flow import WorkshopAction

ALL = "*"  # "all my districts" in button data

# Registered as bot commands only in staff members' chats (with the seller commands: a
# staff member who is also a seller keeps those).
STAFF_COMMANDS = (
    ("staff", N_("Staff menu")),
    ("progress", N_("Staff: progress by district")),
    ("needhelp", N_("Staff: sellers who need help")),
    ("export", N_("Staff: export sellers or products")),
    ("poster", N_("Staff: a QR poster for a district")),
)
OPERATOR_COMMANDS = (("invite", N_("Staff: invite a facilitator")),)


@callback("sa")
class StaffAction:
    action: str
    district: str  # a district code, ALL, or "" (not chosen yet)


@callback("sh")
class HelpAction:
    seller: int  # sellers.id
    action: str
    district: str  # the list it was pressed on (shown again after)


@callback("sx")
class ExportAction:
    kind: str  # exports.SELLERS | exports.PRODUCTS
    fmt: str  # exports.XLSX | exports.CSV
    district: str


@callback("sm")
class StaffManage:
    staff: int  # staff row id
    action: str


# ---------------------------------------------------------------- guards

async def _role(turn: Turn) -> Role | None:
    return await staff.role(turn.session, turn.telegram_id, turn.is_admin)


async def _require(turn: Turn, district: str | None = None, operator: bool = False) -> Role:
    """The presser's role, checked now; ``Gone`` with the reason if they may not."""
    role = await _role(turn)
    if role is None:
        raise Gone(_("This is for programme staff only. If you were a facilitator, an "
                     "operator has removed you, so this does nothing now."))
    if operator and not role.operator:
        raise Gone(_("Only an operator can do this."))
    if district not in (None, "", ALL) and not role.can_see(district):
        raise Gone(_("That district is not one of yours, so I cannot show it."))
    return role


def _scope(role: Role, district: str) -> list[str]:
    """The district codes one request covers: one district, or all the presser's."""
    if district == ALL:
        return staff.known_districts(list(role.districts))
    return [district]


def district_name(code: str) -> str:
    if code == ALL:
        return _("all your districts")
    found = reference.district(code)
    return found.name(get_locale()) if found else code


def _districts_text(codes: list[str] | frozenset[str]) -> str:
    return ", ".join(district_name(c) for c in staff.known_districts(list(codes)))


def _args(update: Any) -> list[str]:
    """The words after a command (``/progress agra`` -> ["agra"])."""
    text = getattr(getattr(update, "effective_message", None), "text", None) or ""
    return text.split()[1:]


def _district_from(words: list[str]) -> str | None:
    """A district code from a command's words (code, English or Hindi name), or None."""
    text = " ".join(words).strip()
    if not text:
        return None
    if text.lower() in ("all", "सभी", ALL):
        return ALL
    found = reference.district(text.lower()) or reference.district_named(text)
    return found.code if found else ""


# The command that opens each screen (for hints).
COMMAND_OF = {"progress": "progress", "help": "needhelp", "export": "export",
              "poster": "poster"}


def _back_row() -> list[Button]:
    return [Button(_("◀ Staff menu"), StaffAction("menu", "").pack())]


# ---------------------------------------------------------------- the menu

async def menu(turn: Turn) -> None:
    """/staff: what this staff member can do."""
    role = await _require(turn)
    if role.operator:
        who = _("You are an operator: all districts.")
    else:
        who = _("You are a facilitator for: {districts}.").format(
            districts=_districts_text(role.districts))
    rows = [[Button(_("📊 Progress"), StaffAction("progress", "").pack()),
             Button(_("🙋 Who needs help"), StaffAction("help", "").pack())],
            [Button(_("📤 Export"), StaffAction("export", "").pack()),
             Button(_("🖨 Poster"), StaffAction("poster", "").pack())]]
    if role.operator:
        rows.append([Button(_("➕ Invite a facilitator"), StaffAction("invite", "").pack()),
                     Button(_("👥 Staff"), StaffAction("list", "").pack())])
        # Operators (ADMIN_IDS) plan workshops: the list shows drafts and "➕ New workshop".
        rows.append([Button(_("🎓 Workshops"), WorkshopAction(0, "list", "").pack())])
    turn.say(_("Staff menu") + "\n" + who, buttons=rows)


def _pick_district(turn: Turn, role: Role, action: str, question: str,
                   allow_all: bool = True) -> None:
    codes = staff.known_districts(list(role.districts))
    buttons = [Button(district_name(c), StaffAction(action, c).pack()) for c in codes]
    rows = [buttons[i:i + 3] for i in range(0, len(buttons), 3)]
    if allow_all and len(codes) > 1:
        rows.insert(0, [Button(_("All my districts"), StaffAction(action, ALL).pack())])
    rows.append(_back_row())
    turn.say(question, buttons=rows)


# ---------------------------------------------------------------- invitations and staff

def invite_link(username: str | None, token: str) -> str:
    return f"https://t.me/{username or 'your_bot'}?start={staff.INVITE_PREFIX}{token}"


async def _invite(turn: Turn, districts: list[str]) -> None:
    token = await staff.create_invite(turn.session, districts, created_by=turn.telegram_id)
    hours = int(staff.INVITE_LIFETIME.total_seconds() // 3600)
    turn.say(_("Send this link to the new facilitator for {districts}. It works once, "
               "within {hours} hours:\n{link}").format(
        districts=_districts_text(districts), hours=hours,
        link=invite_link(turn.attachment, token)), buttons=[_back_row()])


async def invite_command(turn: Turn, update: Any) -> None:
    """/invite agra firozabad: an invitation link for one or more districts."""
    await _require(turn, operator=True)
    codes, unknown = [], []
    for word in _args(update):
        code = _district_from([word])
        (codes.append(code) if code and code != ALL else unknown.append(word))
    if unknown or not codes:
        turn.say(_("Please name the districts after /invite, for example: "
                   "/invite agra firozabad"))
        return
    await _invite(turn, codes)


async def accept_invite(turn: Turn, token: str) -> None:
    """``/start fac_<token>``: the invited person becomes a facilitator (once)."""
    result, districts = await staff.accept_invite(turn.session, token, turn.telegram_id)
    if result == staff.ACCEPTED:
        turn.say(_("Welcome! You are now a facilitator for {districts}. Send /staff to "
                   "see your districts' sellers.").format(districts=_districts_text(districts)))
        return
    turn.say({staff.USED: _("This invitation link was already used. Please ask the "
                            "operator for a new one."),
              staff.EXPIRED: _("This invitation link has expired. Please ask the operator "
                               "for a new one."),
              }.get(result, _("This invitation link is not valid. Please ask the operator "
                              "for a new one.")))


async def staff_list(turn: Turn) -> None:
    await _require(turn, operator=True)
    rows = await staff.everyone(turn.session)
    if not rows:
        turn.say(_("No facilitators yet. Invite one from the staff menu."),
                 buttons=[_back_row()])
        return
    lines = [_("Facilitators:")]
    buttons = []
    for row in rows:
        lines.append(f"• {row.telegram_id}: {_districts_text(row.districts or [])}")
        buttons.append([Button(_("✖ Remove {id}").format(id=row.telegram_id),
                               StaffManage(row.id, "remove").pack())])
    turn.say("\n".join(lines), buttons=[*buttons, _back_row()])


async def manage(turn: Turn, data: StaffManage) -> None:
    await _require(turn, operator=True)
    if data.action != "remove":
        raise Gone(_("This button no longer works."))
    removed = await staff.remove_by_id(turn.session, data.staff)
    if removed is None:
        raise Gone(_("This facilitator was already removed."))
    turn.notice = _("Removed ✓")
    await staff_list(turn)


# ---------------------------------------------------------------- progress

STAGE_TEXT = {
    stats.JOINED: N_("Joined"),
    stats.PROFILE: N_("Profile done"),
    stats.HALF_STEPS: N_("Half the steps done"),
    stats.PRODUCT: N_("First product ready"),
    stats.DRAFTS: N_("Drafts sent"),
}


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "—"


async def _district_command(turn: Turn, update: Any, action: str, question: str) -> None:
    """A staff command with an optional district: ``/progress agra``, ``/progress all``."""
    role = await _require(turn)
    code = _district_from(_args(update))
    if code is None:
        if len(role.districts) == 1:
            await SCREENS[action](turn, next(iter(role.districts)))
        else:
            _pick_district(turn, role, action, question)
        return
    if code == "":
        turn.say(_("I do not know that district. Please use its name, for example: "
                   "/{command} agra").format(command=COMMAND_OF.get(action, action)))
        return
    await SCREENS[action](turn, code)


async def progress_command(turn: Turn, update: Any) -> None:
    await _district_command(turn, update, "progress", _("Progress of which district?"))


async def progress(turn: Turn, district: str) -> None:
    role = await _require(turn, district)
    if not district and len(role.districts) == 1:
        district = next(iter(role.districts))
    if not district:
        _pick_district(turn, role, "progress", _("Progress of which district?"))
        return
    codes = _scope(role, district)
    funnels = await stats.funnel(turn.session, codes)
    total = stats.combined(funnels)
    joined = total[0].total
    where = district_name(district)
    lines = [_("📊 Progress: {where}").format(where=where),
             _("Sellers · share of those who joined · new in the last 7 days (the 7 days "
               "before)"), ""]
    for count in total:
        lines.append(f"{_(STAGE_TEXT[count.stage])}: {count.total} "
                     f"({_percent(count.total, joined)}) · +{count.this_week} "
                     f"(+{count.last_week})")
    if len(codes) > 1:
        lines += ["", _("By district (joined → profile → half the steps → product → "
                        "drafts):")]
        for code, counts in funnels.items():
            lines.append(f"{district_name(code)}: " + " → ".join(str(c.total) for c in counts))
    bars = [chart.Bar(_(STAGE_TEXT[c.stage]), c.total,
                      _("{percent} · +{this} in the last 7 days (+{last} the 7 days before)")
                      .format(percent=_percent(c.total, joined), this=c.this_week,
                              last=c.last_week)) for c in total]
    png, _placed = chart.render(_("Progress: {where}").format(where=where),
                                _("Sellers at each stage"), bars)
    turn.say("\n".join(lines))
    turn.say(_("📊 Progress: {where}").format(where=where),
             photo=(f"progress-{'all' if district == ALL else district}.png", png))
    turn.say(_("What next?"), buttons=[_back_row()])


# ---------------------------------------------------------------- who needs help

HELP_LIST_MAX = 30  # one message, one resolve button each


def _step_title(key: str) -> str:
    text = STEP_TEXTS.get(key)
    return _(text.title) if text else key


def _stuck_on(item: stats.Stuck) -> str:
    parts = []
    if item.help_steps:
        parts.append(_("asked for help with: {steps}").format(
            steps=", ".join(_step_title(k) for k in item.help_steps)))
    if item.idle_days is not None:
        form = forms.get_form(item.form) if item.form else None
        if form is not None:
            field = form.field(item.field or "")
            where = _(form.title) + (f" › {_(field.label)}" if field else "")
            parts.append(_("stopped {days} days ago in the middle of: {where}").format(
                days=item.idle_days, where=where))
        else:
            parts.append(_("not seen for {days} days, with steps still open").format(
                days=item.idle_days))
    return "; ".join(parts)


async def needhelp_command(turn: Turn, update: Any) -> None:
    await _district_command(turn, update, "help", _("Sellers of which district?"))


async def needing_help(turn: Turn, district: str) -> None:
    role = await _require(turn, district)
    if not district and len(role.districts) == 1:
        district = next(iter(role.districts))
    if not district:
        _pick_district(turn, role, "help", _("Sellers of which district?"))
        return
    items = await stats.needing_help(turn.session, _scope(role, district))
    where = district_name(district)
    if not items:
        turn.say(_("🙋 Nobody in {where} is waiting for help right now.").format(where=where),
                 buttons=[_back_row()])
        return
    lines = [_("🙋 Who needs help in {where}: {count}").format(where=where, count=len(items)),
             ""]
    buttons = []
    for item in items[:HELP_LIST_MAX]:
        name = item.name or _("(no name yet)")
        contact = f" · {item.phone}" if item.phone else ""
        place = f" · {district_name(item.district)}" if district == ALL else ""
        lines.append(f"• {name}{contact}{place}\n  {_stuck_on(item)}")
        buttons.append([Button(_("✅ Resolved: {name}").format(name=name[:24]),
                               HelpAction(item.seller_id, "done", district).pack())])
    if len(items) > HELP_LIST_MAX:
        lines.append(_("…and {count} more. Mark some resolved to see the rest.").format(
            count=len(items) - HELP_LIST_MAX))
    turn.say("\n".join(lines), buttons=[*buttons, _back_row()])


async def on_help_button(turn: Turn, data: HelpAction) -> None:
    role = await _require(turn, data.district)
    seller_district = await stats.seller_district(turn.session, data.seller)
    if seller_district is None:
        raise Gone(_("This seller's data has been deleted."))
    if not role.can_see(seller_district):
        raise Gone(_("That district is not one of yours, so I cannot show it."))
    if data.action != "done":
        raise Gone(_("This button no longer works."))
    await staff.resolve(turn.session, data.seller, by=turn.telegram_id)
    turn.notice = _("Marked resolved ✓")
    await needing_help(turn, data.district)


# ---------------------------------------------------------------- exports

async def export_menu(turn: Turn, district: str) -> None:
    role = await _require(turn, district)
    if not district and len(role.districts) == 1:
        district = next(iter(role.districts))
    if not district:
        _pick_district(turn, role, "export", _("Export which district?"))
        return

    def go(label: str, kind: str, fmt: str) -> Button:
        return Button(label, ExportAction(kind, fmt, district).pack())

    turn.say(_("📤 Export for {where}: which file?").format(where=district_name(district)),
             buttons=[[go(_("👥 Sellers · Excel"), exports.SELLERS, exports.XLSX),
                       go(_("👥 Sellers · CSV"), exports.SELLERS, exports.CSV)],
                      [go(_("📦 Products · Excel"), exports.PRODUCTS, exports.XLSX),
                       go(_("📦 Products · CSV"), exports.PRODUCTS, exports.CSV)],
                      _back_row()])


async def send_export(turn: Turn, kind: str, fmt: str, district: str) -> None:
    role = await _require(turn, district)
    if kind not in exports.KINDS or fmt not in exports.FORMATS or not district:
        raise Gone(_("This button no longer works."))
    codes = _scope(role, district)
    # Every row is in the reader's districts, so contacts go to staff of that district.
    contacts = all(role.can_see(code) for code in codes)
    stem = exports.file_stem(kind, codes if district != ALL else [*codes, "all"])
    if kind == exports.SELLERS:
        rows = await stats.sellers_rows(turn.session, codes)
        # Built in a thread: a large file must not hold up other chats.
        files = [(f"{stem}.{fmt}", await asyncio.to_thread(exports.sellers_file, rows, fmt,
                                                            contacts))]
    else:
        rows = await stats.products_rows(turn.session, codes)
        files = await asyncio.to_thread(exports.products_files, rows, fmt, stem)
    where = district_name(district)
    if not rows:
        turn.say(_("Nothing to export for {where} yet.").format(where=where),
                 buttons=[_back_row()])
        return
    for name, data in files:
        turn.say(exports.caption(kind, len(rows)) + f" · {where}", document=(name, data))


async def on_export_button(turn: Turn, data: ExportAction) -> None:
    await send_export(turn, data.kind, data.fmt, data.district)


async def export_command(turn: Turn, update: Any) -> None:
    """/export sellers|products [xlsx|csv] [district|all]"""
    role = await _require(turn)
    words = _args(update)
    kind = words.pop(0).lower() if words and words[0].lower() in exports.KINDS else None
    fmt = words.pop(0).lower() if words and words[0].lower() in exports.FORMATS else exports.XLSX
    if kind is None:
        await export_menu(turn, "")
        return
    code = _district_from(words)
    if code == "":
        turn.say(_("I do not know that district. Please use its name, for example: "
                   "/{command} agra").format(command="export sellers"))
        return
    if code is None:
        if len(role.districts) != 1:
            _pick_district(turn, role, "export", _("Export which district?"))
            return
        code = next(iter(role.districts))
    await send_export(turn, kind, fmt, code)


# ---------------------------------------------------------------- posters

async def poster(turn: Turn, district: str) -> None:
    role = await _require(turn, district)
    if not district and len(role.districts) == 1:
        district = next(iter(role.districts))
    if not district or district == ALL:
        _pick_district(turn, role, "poster", _("A poster for which district?"),
                       allow_all=False)
        return
    if not turn.attachment:  # the bot's @username, asked from Telegram at start-up
        raise Gone(_("I cannot make the link right now. Please try again in a minute."))
    made = await asyncio.to_thread(posters.poster, turn.attachment, district)
    turn.say(_("🖨 A4 poster for {where}, in Hindi and English. Its QR code opens the bot "
               "with {where} already chosen: {link}").format(
        where=district_name(district), link=made.url),
        document=(f"haat-poster-{district}.pdf", made.pdf))


async def poster_command(turn: Turn, update: Any) -> None:
    await _district_command(turn, update, "poster", _("A poster for which district?"))


# ---------------------------------------------------------------- dispatch

async def on_button(turn: Turn, data: StaffAction) -> None:
    await _require(turn)  # each screen checks its district too
    action = SCREENS.get(data.action)
    if action is None:
        raise Gone(_("This button no longer works."))
    await action(turn, data.district)


async def _menu_screen(turn: Turn, _district: str) -> None:
    await menu(turn)


async def _invite_screen(turn: Turn, district: str) -> None:
    role = await _require(turn, district, operator=True)
    if not district or district == ALL:
        _pick_district(turn, role, "invite", _("For which district is the new facilitator? "
                                               "(For several, send /invite agra firozabad.)"),
                       allow_all=False)
        return
    await _invite(turn, [district])


async def _list_screen(turn: Turn, _district: str) -> None:
    await staff_list(turn)


SCREENS = {
    "menu": _menu_screen,
    "progress": progress,
    "help": needing_help,
    "export": export_menu,
    "poster": poster,
    "invite": _invite_screen,
    "list": _list_screen,
}
