"""Invitations (a one-time link that makes a facilitator) and the staff list, for
operators (the services are in ``team.py``); accepting an invitation."""

from __future__ import annotations

from bot.admin import staff, team
from bot.admin.access import ALL
from bot.admin.screens import (
    StaffAction,
    StaffScreen,
    back_row,
    district_from,
    districts_text,
    require,
)
from bot.admin.staff import Role
from bot.conversation.callbacks import callback
from bot.conversation.links import InviteLink, arguments
from bot.conversation.turn import Button, Gone, Turn
from bot.i18n import N_, _


@callback("sm")
class StaffManage:
    staff: int  # staff row id
    action: str


def _show_invitation(turn: Turn, made: team.Invitation) -> None:
    turn.say(_("Send this link to the new facilitator for {districts}. It works once, "
               "within {hours} hours:\n{link}").format(
        districts=districts_text(made.districts), hours=made.hours, link=made.link),
        buttons=[back_row()])


@arguments("invite")
class InviteArgs:
    rest: str  # district names, one word each


async def invite_command(turn: Turn, args: InviteArgs) -> None:
    """/invite agra firozabad: an invitation link for one or more districts."""
    await require(turn, operator=True)
    codes, unknown = [], []
    for word in args.rest.split():
        code = district_from([word])
        (codes.append(code) if code and code != ALL else unknown.append(word))
    if unknown or not codes:
        turn.say(_("Please name the districts after /invite, for example: "
                   "/invite agra firozabad"))
        return
    _show_invitation(turn, await team.invite(turn.session, await turn.staff(), codes,
                                             turn.bot_username))


async def accept_invite(turn: Turn, link: InviteLink | None) -> None:
    """``/start fac_<token>``: the invited person becomes a facilitator (once); ``None``
    for a link no invitation wrote."""
    result, districts = ((staff.UNKNOWN, []) if link is None else
                         await staff.accept_invite(turn.session, link.token, turn.telegram_id,
                                                   turn.telegram_name))
    if result == staff.ACCEPTED:
        turn.say(_("Welcome! You are now a facilitator for {districts}. Send /staff to "
                   "see your districts' sellers.").format(districts=districts_text(districts)))
        return
    turn.say({staff.USED: _("This invitation link was already used. Please ask the "
                            "operator for a new one."),
              staff.EXPIRED: _("This invitation link has expired. Please ask the operator "
                               "for a new one."),
              }.get(result, _("This invitation link is not valid. Please ask the operator "
                              "for a new one.")))


def _who(member: team.Member | team.Tester) -> str:
    return member.name or _("Telegram id {id}").format(id=member.telegram_id)


async def staff_list(turn: Turn, role: Role, _district: str = "") -> None:
    rows = await team.members(turn.session, role)
    testers = await team.testers(turn.session, role)
    lines = [_("Facilitators:") if rows else
             _("No facilitators yet. Invite one from the staff menu.")]
    buttons = []
    for row in rows:
        lines.append(f"• {_who(row)} ({row.telegram_id}): {districts_text(row.districts)}")
        buttons.append([Button(_("✖ Remove {name}").format(name=_who(row)[:24]),
                               StaffManage(row.id, "remove").pack())])
    if testers:
        lines += ["", _("Testers (never counted as sellers):")]
        lines += [f"• {_who(t)} ({t.telegram_id})" for t in testers]
    lines += ["", _("To mark a tester: /tester TELEGRAM_ID (again to stop).")]
    turn.say("\n".join(lines), buttons=[*buttons, back_row()])


async def manage(turn: Turn, data: StaffManage) -> None:
    """A removal is asked first; "yes" removes (the role is checked on both presses)."""
    role = await require(turn, operator=True)
    if data.action == "remove":
        member = await team.member(turn.session, role, data.staff)
        turn.say(_("Remove {name} as facilitator for {districts}? They lose the staff "
                   "menu at once.").format(name=_who(member),
                                           districts=districts_text(member.districts)),
                 buttons=[[Button(_("✖ Yes, remove"), StaffManage(data.staff, "yes").pack()),
                           Button(_("◀ No"), StaffAction("list", "").pack())]])
        return
    if data.action != "yes":
        raise Gone(_("This button no longer works."))
    await team.remove(turn.session, role, data.staff)
    turn.notice = _("Removed ✓")
    await staff_list(turn, role)


@arguments("tester")
class TesterArgs:
    rest: str  # a Telegram id


async def tester_command(turn: Turn, args: TesterArgs) -> None:
    """/tester 123456: mark (or, again, unmark) a tester, never counted as a seller."""
    role = await require(turn, operator=True)
    word = args.rest.strip()
    if not (word.isascii() and word.isdigit() and 0 < len(word) <= 15):
        turn.say(_("Please give the person's Telegram id, for example: /tester 123456789"))
        return
    telegram_id = int(word)
    if await team.mark_tester(turn.session, role, telegram_id):
        turn.say(_("🧪 {id} is a tester now: never counted as a seller (progress, "
                   "broadcasts, attendance, exports).").format(id=telegram_id))
        return
    await team.mark_tester(turn.session, role, telegram_id, remove=True)
    turn.say(_("{id} is no longer a tester.").format(id=telegram_id))


async def invite_screen(turn: Turn, role: Role, district: str) -> None:
    _show_invitation(turn, await team.invite(turn.session, role, [district],
                                             turn.bot_username))


INVITE = StaffScreen("invite", N_("➕ Invite facilitator"), invite_screen, command="invite",
                     description=N_("Staff: invite a facilitator"), args=InviteArgs,
                     question=N_("For which district is the new facilitator? (For several, "
                                 "send /invite agra firozabad.)"),
                     allow_all=False, operator=True, on_command=invite_command)
STAFF_LIST = StaffScreen("list", N_("👥 Staff"), staff_list, operator=True)
TESTER = StaffScreen("tester", "", staff_list, command="tester",
                     description=N_("Staff: mark a tester (never counted)"), args=TesterArgs,
                     operator=True, on_command=tester_command)
