"""The facilitator's side as screens and buttons: the /staff menu, invitations, the staff
list, district progress, who needs help, exports, posters and broadcasts.

Every entry point starts with ``_require``: the role and the district are checked again on
each command and each press (nothing is trusted from the button's data), so a facilitator
who was removed, or who edits a button to name another district, gets a plain "no".
"""

from __future__ import annotations

import asyncio
import math
from typing import Any

from bot.admin import broadcasts, chart, exports, nudges, posters, staff, stats
from bot.admin.staff import Role
from bot.conversation import forms
from bot.conversation.callbacks import callback
from bot.conversation.forms import Field, Form
from bot.conversation.turn import Button, Gone, Job, Reply, Turn
from bot.db import sellers
from bot.db.models import Seller, as_utc, utcnow
from bot.helpdesk import relay
from bot.i18n import N_, _, get_locale, ngettext, use_locale
from bot.outbox import queue
from bot.outbox.queue import Kind, Message
from bot.parsing.validators import Choice, Invalid, clean_text
from bot.reference import districts as reference
from bot.steps import flow as steps_flow
from bot.steps.texts import STEP_TEXTS
from bot.workshops import access as workshops_access
from bot.workshops import words as workshops_flow
from bot.workshops import workshops as workshops_store
from bot.workshops.buttons import POSTER, WorkshopAction

ALL = "*"  # "all my districts" in button data

# Registered as bot commands only in staff members' chats (with the seller commands: a
# staff member who is also a seller keeps those).
STAFF_COMMANDS = (
    ("staff", N_("Staff menu")),
    ("progress", N_("Staff: progress by district")),
    ("needhelp", N_("Staff: sellers who need help")),
    ("export", N_("Staff: export sellers, products or workshop attendance")),
    ("poster", N_("Staff: a QR poster for a district or its workshops")),
    ("broadcast", N_("Staff: a message to a district's sellers")),
    ("newworkshop", N_("Staff: plan a workshop for your districts")),
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
    kind: str  # exports.SELLERS | exports.PRODUCTS | exports.WORKSHOPS
    fmt: str  # exports.XLSX | exports.CSV
    district: str


@callback("sm")
class StaffManage:
    staff: int  # staff row id
    action: str


@callback("ha")
class HelpAnswer:
    message: int  # help_messages.id the seller answers


@callback("nu")
class NudgeSwitch:
    action: str  # on | off


@callback("sb")
class BroadcastAction:
    broadcast: int  # broadcasts.id
    action: str  # send | status | cancel


# ---------------------------------------------------------------- guards

async def _role(turn: Turn) -> Role | None:
    return await turn.staff()  # staff.role, asked once per update (bot.app hands it over)


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
              "poster": "poster", "broadcast": "broadcast"}


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
             Button(_("🖨 Poster"), StaffAction("poster", "").pack())],
            [Button(_("📣 Broadcast"), StaffAction("broadcast", "").pack())]]
    # Staff plan workshops (facilitators for their districts): the list shows drafts and
    # "➕ New workshop".
    rows.append([Button(_("🎓 Workshops"), WorkshopAction(0, "list", "").pack())])
    if role.operator:
        rows.append([Button(_("➕ Invite a facilitator"), StaffAction("invite", "").pack()),
                     Button(_("👥 Staff"), StaffAction("list", "").pack())])
    turn.say(_("Staff menu") + "\n" + who, buttons=rows)


def _chosen(turn: Turn, role: Role, district: str, action: str, question: str,
            allow_all: bool = True) -> str | None:
    """The district a screen is for: the one given, the staff member's only district, or
    None after asking which (``allow_all``: "all my districts" is an answer)."""
    if not district and len(role.districts) == 1:
        district = next(iter(role.districts))
    if not district or (district == ALL and not allow_all):
        _pick_district(turn, role, action, question, allow_all=allow_all)
        return None
    return district


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
    stats.WORKSHOP: N_("Came to a workshop"),
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
    district = _chosen(turn, role, district, "progress", _("Progress of which district?"))
    if district is None:
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
                        "drafts → workshop):")]
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
    district = _chosen(turn, role, district, "help", _("Sellers of which district?"))
    if district is None:
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
        buttons.append([Button(_("💬 Write to: {name}").format(name=name[:24]),
                               HelpAction(item.seller_id, "reply", district).pack()),
                        Button(_("✅ Resolved: {name}").format(name=name[:24]),
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
    if data.action == "reply":
        await _start_reply(turn, data.seller, seller_district)
        return
    if data.action != "done":
        raise Gone(_("This button no longer works."))
    await staff.resolve(turn.session, data.seller, by=turn.telegram_id)
    turn.notice = _("Marked resolved ✓")
    await needing_help(turn, data.district)


# ---------------------------------------------------------------- the relay

RELAY_MAX = 1500


def _need_chat(turn: Turn, command: str) -> bool:
    """Forms are kept on the person's seller row: staff need one (a /start) to type."""
    if turn.seller is not None:
        return True
    turn.say(_("To write a message here, first send /start and choose your language; then "
               "send /{command} again.").format(command=command))
    return False


async def _start_reply(turn: Turn, seller_id: int, district: str) -> None:
    if not _need_chat(turn, "needhelp"):
        return
    seller = await sellers.by_id(turn.session, seller_id)
    name = (seller.name if seller else None) or _("(no name yet)")
    turn.say(_("💬 Write your message to {name}. They will see it as a message from the "
               "facilitator for {where}, and can answer you.").format(
        name=name, where=district_name(district)))
    await forms.start(turn, HELP_REPLY.key, context={"@seller": seller_id})


async def _save_reply(turn: Turn, answers: forms.Answers) -> None:
    seller_id = int(answers.get("@seller") or 0)
    role = await _require(turn)
    district = await stats.seller_district(turn.session, seller_id)
    if district is None:
        raise Gone(_("This seller's data has been deleted."))
    if not role.can_see(district):
        raise Gone(_("That district is not one of yours, so I cannot show it."))
    await relay.write(turn.session, seller_id=seller_id, staff_telegram_id=turn.telegram_id,
                      from_staff=True, text=answers["text"], recipient_seller_id=seller_id,
                      now=utcnow())
    # Writing is not solving: the request stays open until staff say it is resolved.
    turn.say(_("✉ Sent. If they answer, their message will come to this chat. When their "
               "problem is solved, mark it resolved."),
             buttons=[[Button(_("✅ Mark resolved"),
                              HelpAction(seller_id, "done", district).pack())], _back_row()])


HELP_REPLY = Form(
    key="help_reply",
    title=N_("Message to a seller"),
    fields=(Field("text", N_("Message"), N_("Type your message."),
                  parse=lambda text, _a: clean_text(text, RELAY_MAX), max_len=RELAY_MAX),),
    save=_save_reply,
    confirm=False,
)


async def on_answer_button(turn: Turn, data: HelpAnswer) -> None:
    """The seller's "↩ Answer" under a facilitator's message."""
    row = await relay.get(turn.session, data.message)
    if row is None or turn.seller is None or row.seller_id != turn.seller.id:
        raise Gone(_("This button no longer works."))
    turn.say(_("↩ Type your answer to the facilitator."))
    await forms.start(turn, HELP_ANSWER.key, context={"@message": row.id})


async def _save_answer(turn: Turn, answers: forms.Answers) -> None:
    row = await relay.get(turn.session, int(answers.get("@message") or 0))
    if row is None or turn.seller is None or row.seller_id != turn.seller.id:
        raise Gone(_("This button no longer works."))
    district = await stats.seller_district(turn.session, turn.seller.id)
    role = await staff.role(turn.session, row.staff_telegram_id, False)
    staff_chat = await sellers.id_of_telegram(turn.session, row.staff_telegram_id)
    if staff_chat is None or ((role is None or not district or not role.can_see(district))
                              and row.staff_telegram_id not in turn.local.get(ADMINS_KEY, ())):
        turn.say(_("Sorry, that facilitator no longer works with your district, so I cannot "
                   "pass this on. Press “🙋 I need help” on your step and the new "
                   "facilitator will see it."))
        return
    await relay.write(turn.session, seller_id=turn.seller.id,
                      staff_telegram_id=row.staff_telegram_id, from_staff=False,
                      text=answers["text"], recipient_seller_id=staff_chat, now=utcnow())
    turn.say(_("✉ Sent to your facilitator."))


HELP_ANSWER = Form(
    key="help_answer",
    title=N_("Answer to the facilitator"),
    fields=(Field("text", N_("Message"), N_("Type your answer."),
                  parse=lambda text, _a: clean_text(text, RELAY_MAX), max_len=RELAY_MAX),),
    save=_save_answer,
    confirm=False,
)

ADMINS_KEY = "admin_ids"  # in Turn.local: operators (ADMIN_IDS), who serve every district


async def render_to_seller(session: Any, message: Message, seller: Seller) -> Reply | None:
    row = await relay.get(session, int(message.payload.get("message", 0)))
    if row is None:
        return None
    district = await stats.seller_district(session, row.seller_id)
    where = district_name(district) if district else _("your district")
    return Reply(text=_("💬 A message from the Haat facilitator for {where}:").format(
        where=where) + "\n\n" + row.text,
        buttons=[[Button(_("↩ Answer"), HelpAnswer(row.id).pack())]])


async def render_to_staff(session: Any, message: Message, seller: Seller) -> Reply | None:
    row = await relay.get(session, int(message.payload.get("message", 0)))
    if row is None:
        return None
    writer = await sellers.by_id(session, row.seller_id)
    district = await stats.seller_district(session, row.seller_id) or ""
    name = (writer.name if writer else None) or _("(no name yet)")
    return Reply(text=_("💬 {name} answers:").format(name=name) + "\n\n" + row.text,
                 buttons=[[Button(_("💬 Write back"),
                                  HelpAction(row.seller_id, "reply", district).pack())]])


# ---------------------------------------------------------------- exports

async def export_menu(turn: Turn, district: str) -> None:
    role = await _require(turn, district)
    district = _chosen(turn, role, district, "export", _("Export which district?"))
    if district is None:
        return

    def go(label: str, kind: str, fmt: str) -> Button:
        return Button(label, ExportAction(kind, fmt, district).pack())

    turn.say(_("📤 Export for {where}: which file?").format(where=district_name(district)),
             buttons=[[go(_("👥 Sellers · Excel"), exports.SELLERS, exports.XLSX),
                       go(_("👥 Sellers · CSV"), exports.SELLERS, exports.CSV)],
                      [go(_("📦 Products · Excel"), exports.PRODUCTS, exports.XLSX),
                       go(_("📦 Products · CSV"), exports.PRODUCTS, exports.CSV)],
                      [go(_("🎓 Workshops · Excel"), exports.WORKSHOPS, exports.XLSX),
                       go(_("🎓 Workshops · CSV"), exports.WORKSHOPS, exports.CSV)],
                      _back_row()])


EXPORT_JOB = "export"
DATABASE_URL_KEY = "database_url"  # Turn.local: where a worker reads an export's rows


async def send_export(turn: Turn, kind: str, fmt: str, district: str) -> None:
    role = await _require(turn, district)
    if kind not in exports.KINDS or fmt not in exports.FORMATS or not district:
        raise Gone(_("This button no longer works."))
    if turn.busy(EXPORT_JOB):
        # A second press would build the same large file twice, side by side.
        turn.say(_("Your previous export is still being prepared. I will send it here "
                   "when it is ready; then you can ask for another one."))
        return
    codes = _scope(role, district)
    # Every row is in the reader's districts, so contacts go to staff of that district.
    contacts = all(role.can_see(code) for code in codes)
    stem = exports.file_stem(kind, codes if district != ALL else [*codes, "all"])
    where = district_name(district)
    what = {exports.SELLERS: _("Sellers"), exports.PRODUCTS: _("Products"),
            exports.WORKSHOPS: _("Workshop attendance")}[kind] + f" · {where}"
    turn.say(_("⏳ Preparing your file: {what}. I will send it here when it is ready; you "
               "can go on using the bot meanwhile.").format(what=what))
    nothing = _("Nothing to export for {where} yet.").format(where=where)

    def done(result: tuple[int, list[tuple[str, bytes]]]) -> list[Reply]:
        count, files = result
        if not count:
            return [Reply(nothing)]
        caption = exports.caption(kind, count) + f" · {where}"
        return [Reply(caption, document=(name, data)) for name, data in files]

    # Read and built in a worker process: a large file must not hold up other chats.
    turn.later(Job(EXPORT_JOB, exports.build_from,
                   (turn.local[DATABASE_URL_KEY], kind, codes, fmt, stem, contacts), done,
                   _("Sorry, the file could not be made. Please try again.")))


async def on_export_button(turn: Turn, data: ExportAction) -> None:
    await send_export(turn, data.kind, data.fmt, data.district)


async def export_command(turn: Turn, update: Any) -> None:
    """/export sellers|products|workshops [xlsx|csv] [district|all]"""
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
    district = _chosen(turn, role, district, "poster", _("A poster for which district?"),
                       allow_all=False)
    if district is None:
        return
    if not turn.attachment:  # the bot's @username, asked from Telegram at start-up
        raise Gone(_("I cannot make the link right now. Please try again in a minute."))
    made = await asyncio.to_thread(posters.poster, turn.attachment, district)
    turn.say(_("🖨 A4 poster for {where}, in Hindi and English. Its QR code opens the bot "
               "with {where} already chosen: {link}").format(
        where=district_name(district), link=made.url),
        document=(made.file_name, made.pdf))
    # The district's coming workshops have posters of their own (checked again on press).
    coming = [w for w in await workshops_store.all_workshops(turn.session, since=utcnow())
              if w["status"] == workshops_store.PUBLISHED and workshops_access.sees(role, w)
              and (workshops_store.for_everyone(w) or district in w["districts"])]
    if coming:
        turn.say(_("Posters for the coming workshops of {where}:").format(
            where=district_name(district)),
            buttons=[[Button(f"🖨 {workshops_flow.title(w)}"[:48] + " · "
                             + workshops_flow.short_date(w),
                             WorkshopAction(w["id"], POSTER, "").pack())]
                     for w in coming[:10]] + [_back_row()])


async def workshop_poster(turn: Turn, data: WorkshopAction) -> None:
    """The "🖨 Poster" button of a workshop (its staff card, or the poster screen): the
    role and the workshop's districts are checked on each press; a draft, cancelled or
    past workshop gets none (its link would lead nowhere)."""
    role = await _require(turn)
    workshop = await workshops_store.get(turn.session, data.id)
    if workshop is None or (workshop["status"] == workshops_store.DRAFT
                            and not role.operator):
        raise Gone(_("This workshop no longer exists."))
    if not workshops_access.sees(role, workshop):  # the workshops slice's rule
        raise Gone(_("That district is not one of yours, so I cannot show it."))
    if workshop["status"] == workshops_store.DRAFT:
        raise Gone(_("Announce the workshop first: until then its link shows nothing."))
    if (workshop["status"] != workshops_store.PUBLISHED
            or workshops_store.ends_at(workshop) <= utcnow()):
        raise Gone(_("This workshop is cancelled or over, so it gets no poster."))
    if not turn.attachment:
        raise Gone(_("I cannot make the link right now. Please try again in a minute."))
    made = await asyncio.to_thread(posters.workshop_poster, turn.attachment, workshop)
    turn.say(_("🖨 A4 poster for the workshop “{title}”, in Hindi and English. Its QR code "
               "opens the workshop in the bot: {link}").format(
        title=workshops_flow.title(workshop), link=made.url),
        document=(made.file_name, made.pdf))


async def poster_command(turn: Turn, update: Any) -> None:
    await _district_command(turn, update, "poster", _("A poster for which district?"))


# ---------------------------------------------------------------- broadcasts

RATE_KEY = "outbox_rate"  # in Turn.local: the sender's rate, for the time estimate
DEFAULT_RATE = 25.0
BROADCAST_MAX = 1500  # characters per language: one Telegram message with its heading


def _district_crafts(answers: forms.Answers) -> list[Choice]:
    """The district's ODOP crafts as buttons (others can be typed)."""
    keys: list[str] = []
    for product in reference.odop_products(answers.get("@district") or ""):
        if product.craft_key not in keys and reference.craft(product.craft_key):
            keys.append(product.craft_key)
    return [Choice(key, reference.craft(key).name(get_locale())) for key in keys]


def _craft(text: str, answers: forms.Answers) -> str:
    found = reference.match_craft(clean_text(text, 100))
    if found is None:
        example = next(iter(_district_crafts(answers)), None)
        raise Invalid(_("I do not know that craft. Please press one of the buttons or type "
                        "a craft's name, for example: {example}; or skip to write to "
                        "everyone.").format(
            example=example.label if example else reference.craft("glassware").name(
                get_locale())))
    return found.key


def _craft_name(key: Any, _answers: forms.Answers | None = None) -> str:
    found = reference.craft(key) if key else None
    return found.name(get_locale()) if found else _("all crafts")


async def _save_broadcast(turn: Turn, answers: forms.Answers) -> None:
    district = answers.get("@district") or ""
    await _require(turn, district)  # the role may have changed while writing
    if not district or district == ALL:
        raise Gone(_("This button no longer works."))
    stage = answers.get("stage")
    broadcast_id = await broadcasts.create(
        turn.session, by=turn.telegram_id, district=district, craft=answers.get("craft"),
        text_en=answers["text_en"], text_hi=answers["text_hi"], now=utcnow(),
        stuck_at=stage if stage in broadcasts.STUCK_STAGES else None)
    await _preview(turn, broadcast_id)


BROADCAST_FORM = Form(
    key="broadcast",
    title=N_("Broadcast"),
    fields=(
        Field("text_en", N_("Message (English)"),
              N_("What should the message say, in English?"),
              parse=lambda text, _a: clean_text(text, BROADCAST_MAX), max_len=BROADCAST_MAX),
        Field("text_hi", N_("Message (Hindi)"), N_("And the same message in Hindi?"),
              parse=lambda text, _a: clean_text(text, BROADCAST_MAX), max_len=BROADCAST_MAX),
        Field("craft", N_("Craft"), N_("Only for sellers of one craft? Press it or type "
                                        "its name, or skip to send it to every seller of "
                                        "the district."),
              parse=_craft, choices=_district_crafts, optional=True, show=_craft_name),
        Field("stage", N_("Sellers"), N_("To every seller, or only to those stuck at one "
                                          "stage?"), choices=lambda _a: _stage_choices()),
    ),
    save=_save_broadcast,
)


EVERYONE = "all"
# Sellers stuck at a stage: reached it, and not the next one (button labels, short).
STUCK_TEXT = {
    stats.JOINED: N_("No profile yet"),
    stats.PROFILE: N_("Under half the steps"),
    stats.HALF_STEPS: N_("No product yet"),
    stats.PRODUCT: N_("Drafts not sent"),
    stats.DRAFTS: N_("No workshop yet"),
}


def _stage_choices() -> list[Choice]:
    return [Choice(EVERYONE, _("All sellers"))] + [
        Choice(stage, _(STUCK_TEXT[stage])) for stage in broadcasts.STUCK_STAGES]


def _audience_name(craft: str | None, stage: str | None) -> str:
    who = _craft_name(craft)
    if stage in STUCK_TEXT:
        who += " · " + _("only: {who}").format(who=_(STUCK_TEXT[stage]))
    return who


def broadcast_text(district: str, text: str) -> str:
    """What a seller sees, in the current language."""
    return _("📣 A message from the Haat facilitator for {district}:").format(
        district=district_name(district)) + "\n\n" + text


def _duration(seconds: float) -> str:
    seconds = max(1, math.ceil(seconds))
    if seconds < 120:
        return ngettext("about {n} second", "about {n} seconds", seconds).format(n=seconds)
    return _("about {n} minutes").format(n=math.ceil(seconds / 60))


async def broadcast_start(turn: Turn, district: str) -> None:
    role = await _require(turn, district)
    district = _chosen(turn, role, district, "broadcast",
                       _("A message to the sellers of which district?"), allow_all=False)
    if district is None:
        return
    if turn.seller is None:
        # The message is written in a form, and forms are kept on the person's seller row.
        turn.say(_("To write a broadcast, first send /start and choose your language; then "
                   "send /broadcast again."))
        return
    turn.say(_("📣 A message to the sellers of {where}. You will see a preview before "
               "anything is sent.").format(where=district_name(district)))
    await forms.start(turn, BROADCAST_FORM.key, context={"@district": district})


async def broadcast_command(turn: Turn, update: Any) -> None:
    await _district_command(turn, update, "broadcast",
                            _("A message to the sellers of which district?"))


async def _preview(turn: Turn, broadcast_id: int) -> None:
    row = await broadcasts.get(turn.session, broadcast_id)
    chosen = await broadcasts.audience(turn.session, row.district_code, row.craft_key,
                                       row.stage)
    rate = float(turn.local.get(RATE_KEY) or DEFAULT_RATE)
    for language, label, text in (("en", _("Sample in English:"), row.text_en),
                                  ("hi", _("Sample in Hindi:"), row.text_hi)):
        with use_locale(language):
            sample = broadcast_text(row.district_code, text)
        turn.say(label + "\n\n" + sample)
    lines = [_("📣 Preview: {where}, {craft}").format(
        where=district_name(row.district_code),
        craft=_audience_name(row.craft_key, row.stage)),
        ngettext("It will go to {count} seller.", "It will go to {count} sellers.",
                 len(chosen.seller_ids)).format(count=len(chosen.seller_ids))]
    if chosen.blocked:
        lines.append(ngettext("Left out: {count} seller who blocked the bot.",
                              "Left out: {count} sellers who blocked the bot.",
                              chosen.blocked).format(
            count=chosen.blocked))
    if not chosen.seller_ids:
        lines.append(_("Nobody to send it to yet."))
        turn.say("\n".join(lines), buttons=[_back_row()])
        return
    lines.append(_("Sending takes {time} at the current rate.").format(
        time=_duration(len(chosen.seller_ids) / rate)))
    turn.say("\n".join(lines), buttons=[
        [Button(ngettext("✅ Send to {count} seller", "✅ Send to {count} sellers",
                         len(chosen.seller_ids)).format(count=len(chosen.seller_ids)),
                BroadcastAction(broadcast_id, "send").pack())],
        [Button(_("✖ Discard"), BroadcastAction(broadcast_id, "cancel").pack())]])


def _progress_buttons(broadcast_id: int) -> list[list[Button]]:
    return [[Button(_("🔄 Progress"), BroadcastAction(broadcast_id, "status").pack()),
             Button(_("⏹ Stop sending"), BroadcastAction(broadcast_id, "cancel").pack())]]


async def _status(turn: Turn, broadcast_id: int) -> None:
    row = await broadcasts.get(turn.session, broadcast_id)
    report = await broadcasts.report(turn.session, broadcast_id)
    waiting = report.count(queue.PENDING, queue.SENDING)
    lines = [_("Sent: {sent} · Failed: {failed} · Unknown: {unknown}").format(
        sent=report.count(queue.SENT), failed=report.count(queue.FAILED),
        unknown=report.count(queue.UNKNOWN))]
    if report.count(queue.CANCELLED):
        lines.append(_("Not sent (stopped, or the seller blocked the bot): {count}").format(
            count=report.count(queue.CANCELLED)))
    if row.status == broadcasts.CANCELLED:
        head = _("📣 Broadcast stopped. Final report:")
        buttons = [_back_row()]
    elif waiting:
        head = ngettext("📣 Broadcast to {count} seller is being sent. Still waiting: {waiting}.",
                        "📣 Broadcast to {count} sellers is being sent. Still waiting: {waiting}.",
                        report.audience).format(
            count=report.audience, waiting=waiting)
        buttons = _progress_buttons(broadcast_id)
    else:
        head = _("📣 Broadcast finished. Final report:")
        buttons = [_back_row()]
    turn.say(head + "\n" + "\n".join(lines), buttons=buttons)


async def on_broadcast_button(turn: Turn, data: BroadcastAction) -> None:
    row = await broadcasts.get(turn.session, data.broadcast)
    await _require(turn)
    if row is None:
        raise Gone(_("This button no longer works."))
    await _require(turn, row.district_code)
    now = utcnow()
    if data.action == "send":
        result, count = await broadcasts.confirm(turn.session, row.id, now=now)
        if result == broadcasts.WAS_CANCELLED:
            raise Gone(_("This broadcast was discarded. Nothing was sent."))
        if result == broadcasts.ALREADY:
            turn.notice = _("Already done ✓")
            return
        turn.say(ngettext("📣 Queued for {count} seller. Sending has started.",
                          "📣 Queued for {count} sellers. Sending has started.",
                          count).format(count=count),
                 buttons=_progress_buttons(row.id))
    elif data.action == "status":
        await _status(turn, row.id)
    elif data.action == "cancel":
        stopped = await broadcasts.cancel(turn.session, row.id, now=now)
        if stopped is None:
            turn.notice = _("Already stopped.")
            return
        if row.status == broadcasts.DRAFT:
            turn.say(_("Discarded. Nothing was sent."), buttons=[_back_row()])
            return
        turn.say(_("⏹ Stopped: {count} messages will not be sent.").format(count=stopped))
        await _status(turn, row.id)
    else:
        raise Gone(_("This button no longer works."))


async def render_broadcast(session: Any, message: Message, seller: Seller) -> Reply | None:
    """At send time, in the seller's language; nothing once the broadcast is stopped."""
    row = await broadcasts.get(session, int(message.payload.get("broadcast", 0)))
    if row is None or row.status != broadcasts.QUEUED:
        return None
    text = row.text_hi if get_locale() == "hi" else row.text_en
    return Reply(text=broadcast_text(row.district_code, text))


# ---------------------------------------------------------------- nudges (seller side)

async def nudge_settings(turn: Turn) -> None:
    """/nudges: the seller switches the weekly nudge on or off."""
    assert turn.seller is not None
    on = await nudges.enabled(turn.session, turn.seller.id)
    if on:
        turn.say(_("🔔 Weekly reminders are on: if you have not been here for a week, I "
                   "send one short message with your next step (never between 9 pm and "
                   "8 am)."), buttons=[[Button(_("🔕 Switch off"), NudgeSwitch("off").pack())]])
    else:
        turn.say(_("🔕 Weekly reminders are off. Switch them on and, if you have not been "
                   "here for a week, I send one short message with your next step (never "
                   "between 9 pm and 8 am)."),
                 buttons=[[Button(_("🔔 Switch on"), NudgeSwitch("on").pack())]])


async def on_nudge_switch(turn: Turn, data: NudgeSwitch) -> None:
    assert turn.seller is not None
    if data.action not in ("on", "off"):
        raise Gone(_("This button no longer works."))
    await nudges.switch(turn.session, turn.seller.id, data.action == "on", now=utcnow())
    turn.notice = _("Saved ✓")
    await nudge_settings(turn)


async def render_nudge(session: Any, message: Message, seller: Seller) -> Reply | None:
    """Their next useful step, if they are still away and still want it."""
    if not await nudges.enabled(session, seller.id):
        return None
    if as_utc(seller.updated_at) > message.due_at - nudges.IDLE:
        return None  # they came back since it was planned
    view = Turn(session=session, telegram_id=seller.telegram_id, chat_id=seller.chat_id,
                seller=seller)
    step = steps_flow.next_step(steps_flow.applicable(view), await steps_flow.statuses(view))
    if step is None:
        return None  # every step done: nothing useful to nudge about
    return Reply(text=_("👋 Your next step to start selling online: {step}. It takes a few "
                        "minutes; tap below to see what to do.").format(
        step=_(step.text.title)),
        buttons=[[Button(_("➡ Open this step"), steps_flow.StepAction(
            step.key, steps_flow.VIEW).pack())],
                 [Button(_("🔕 Switch off"), NudgeSwitch("off").pack())]])


KINDS = (Kind(broadcasts.KIND, render_broadcast), Kind(nudges.KIND, render_nudge), Kind(relay.TO_SELLER, render_to_seller),
         Kind(relay.TO_STAFF, render_to_staff))
FORMS = (BROADCAST_FORM, HELP_REPLY, HELP_ANSWER)


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
    "broadcast": broadcast_start,
}
