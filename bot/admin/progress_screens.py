"""/progress: a district's funnel as one chart with a short caption; for several
districts the caption names the top and the bottom, and "📄 Table" sends them all."""

from __future__ import annotations

import csv
import io

from bot.admin import chart, progress, stats
from bot.admin.access import ALL
from bot.admin.screens import (
    StaffAction,
    StaffScreen,
    back_row,
    district_name,
)
from bot.admin.staff import Role
from bot.conversation.links import arguments
from bot.conversation.turn import Button, Turn
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
    rows = [back_row()]
    if len(seen.funnels) > 1:
        # A phone shows the few at the top and the bottom; the whole table is a file.
        ranked = sorted((code for code, counts in seen.funnels.items() if counts[0].total),
                        key=lambda code: (-seen.funnels[code][0].total, district_name(code)))
        shown = ranked if len(ranked) <= 2 * EDGE else ranked[:EDGE] + ranked[-EDGE:]
        lines += ["", _("By district (joined → profile → half the steps → product → "
                        "drafts → workshop):")]
        for index, code in enumerate(shown):
            if index == EDGE and len(shown) < len(ranked):
                lines.append("…")
            lines.append(f"{district_name(code)}: "
                         + " → ".join(str(c.total) for c in seen.funnels[code]))
        if len(ranked) < len(seen.funnels):
            lines.append(_("No sellers yet: {count} districts").format(
                count=len(seen.funnels) - len(ranked)))
        rows.insert(0, [Button(_("📄 Table"), StaffAction(TABLE.action, district).pack())])
    bars = [chart.Bar(_(STAGE_TEXT[c.stage]), c.total,
                      _("{percent} · +{this} in the last 7 days (+{last} the 7 days before)")
                      .format(percent=_percent(c.total, joined), this=c.this_week,
                              last=c.last_week)) for c in total]
    png, _placed = chart.render(_("Progress: {where}").format(where=where),
                                _("Sellers at each stage"), bars)
    # One photo with its caption (Telegram allows 1,024 characters), not three messages.
    turn.say("\n".join(lines),
             photo=(f"progress-{'all' if district == ALL else district}.png", png),
             buttons=rows)


EDGE = 3  # districts named at the top and at the bottom of the caption


async def table_screen(turn: Turn, role: Role, district: str) -> None:
    """Every district's funnel as a CSV (the caption names only the top and the bottom)."""
    seen = await progress.progress(turn.session, role, district)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("District"), *(_(STAGE_TEXT[c.stage]) for c in seen.total)])
    for code, counts in sorted(seen.funnels.items(), key=lambda item: district_name(item[0])):
        writer.writerow([district_name(code), *(c.total for c in counts)])
    turn.say(_("📊 Progress: {where}").format(where=district_name(district)),
             document=(f"progress-{'all' if district == ALL else district}.csv",
                       out.getvalue().encode("utf-8-sig")),  # Excel reads Hindi with a BOM
             buttons=[back_row()])


PROGRESS = StaffScreen("progress", N_("📊 Progress"), progress_screen, command="progress",
                       description=N_("Staff: progress by district"), args=ProgressArgs,
                       question=N_("Progress of which district?"))
TABLE = StaffScreen("progress_table", "", table_screen, question=N_("Progress of which district?"))
