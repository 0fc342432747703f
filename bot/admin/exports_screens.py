"""/export: the file menu and the export built in a worker process (a background job)."""

from __future__ import annotations

from bot.admin import exports
from bot.admin.screens import (
    StaffScreen,
    back_row,
    district_from,
    district_name,
    open_screen,
    pick_district,
    require,
)
from bot.admin.staff import Role
from bot.conversation.callbacks import callback
from bot.conversation.links import arguments
from bot.conversation.turn import Button, Job, Reply, Turn
from bot.i18n import N_, _, get_locale


@callback("sx")
class ExportAction:
    kind: str  # exports.SELLERS | exports.PRODUCTS | exports.WORKSHOPS
    fmt: str  # exports.XLSX | exports.CSV
    district: str


async def export_menu(turn: Turn, _role: Role, district: str) -> None:
    def go(label: str, kind: str, fmt: str) -> Button:
        return Button(label, ExportAction(kind, fmt, district).pack())

    turn.say(_("📤 Export for {where}: which file?").format(where=district_name(district)),
             buttons=[[go(_("👥 Sellers · Excel"), exports.SELLERS, exports.XLSX),
                       go(_("👥 Sellers · CSV"), exports.SELLERS, exports.CSV)],
                      [go(_("📦 Products · Excel"), exports.PRODUCTS, exports.XLSX),
                       go(_("📦 Products · CSV"), exports.PRODUCTS, exports.CSV)],
                      [go(_("🎓 Workshops · Excel"), exports.WORKSHOPS, exports.XLSX),
                       go(_("🎓 Workshops · CSV"), exports.WORKSHOPS, exports.CSV)],
                      back_row()])


EXPORT_JOB = "export"


async def send_export(turn: Turn, kind: str, fmt: str, district: str) -> None:
    # Titles and notes in the staff member's language (the values stay as they are).
    plan = exports.plan(await turn.staff(), kind, fmt, district, language=get_locale())
    if turn.busy(EXPORT_JOB):
        # A second press would build the same large file twice, side by side.
        turn.say(_("Your previous export is still being prepared. I will send it here "
                   "when it is ready; then you can ask for another one."))
        return
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
    turn.later(Job(EXPORT_JOB, exports.build_from, plan.job_args(turn.settings.database_url),
                   done, _("Sorry, the file could not be made. Please try again.")))


async def on_export_button(turn: Turn, data: ExportAction) -> None:
    await send_export(turn, data.kind, data.fmt, data.district)


@arguments("export")
class ExportArgs:
    rest: str  # [sellers|products|workshops] [xlsx|csv] [district|all], each optional


async def export_command(turn: Turn, args: ExportArgs) -> None:
    """/export sellers|products|workshops [xlsx|csv] [district|all]"""
    role = await require(turn)
    words = args.rest.split()
    kind = words.pop(0).lower() if words and words[0].lower() in exports.KINDS else None
    fmt = words.pop(0).lower() if words and words[0].lower() in exports.FORMATS else exports.XLSX
    if kind is None:
        await open_screen(turn, EXPORT, "")
        return
    code = district_from(words)
    if code == "":
        turn.say(_("I do not know that district. Please use its name, for example: "
                   "/{command} agra").format(command="export sellers"))
        return
    if code is None:
        if len(role.districts) != 1:
            await pick_district(turn, role, "export", _(EXPORT.question),
                                command="export " + kind)
            return
        code = next(iter(role.districts))
    await send_export(turn, kind, fmt, code)


EXPORT = StaffScreen("export", N_("📤 Export"), export_menu, command="export",
                     description=N_("Staff: export sellers, products or workshop attendance"),
                     args=ExportArgs, question=N_("Export which district?"),
                     on_command=export_command)
