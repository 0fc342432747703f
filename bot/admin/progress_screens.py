"""/progress: a district's funnel as text and a chart."""

from __future__ import annotations

from bot.admin import chart, progress, stats
from bot.admin.access import ALL
from bot.admin.screens import (
    StaffScreen,
    back_row,
    district_name,
)
from bot.admin.staff import Role
from bot.conversation.links import arguments
from bot.conversation.turn import Turn
from bot.i18n import N_, _

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


@arguments("progress")
class ProgressArgs:
    rest: str  # a district (its code, or its name in English or Hindi), or "all"


async def progress_screen(turn: Turn, role: Role, district: str) -> None:
    seen = await progress.progress(turn.session, role, district)
    total, joined = seen.total, seen.joined
    where = district_name(district)
    lines = [_("📊 Progress: {where}").format(where=where),
             _("Sellers · share of those who joined · new in the last 7 days (the 7 days "
               "before)"), ""]
    for count in total:
        lines.append(f"{_(STAGE_TEXT[count.stage])}: {count.total} "
                     f"({_percent(count.total, joined)}) · +{count.this_week} "
                     f"(+{count.last_week})")
    if len(seen.funnels) > 1:
        lines += ["", _("By district (joined → profile → half the steps → product → "
                        "drafts → workshop):")]
        for code, counts in seen.funnels.items():
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
    turn.say(_("What next?"), buttons=[back_row()])


PROGRESS = StaffScreen("progress", N_("📊 Progress"), progress_screen, command="progress",
                       description=N_("Staff: progress by district"), args=ProgressArgs,
                       question=N_("Progress of which district?"))
