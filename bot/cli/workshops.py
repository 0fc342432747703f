"""``seller-bot workshops add|list|show|cancel|import FILE.csv``: staff work from a shell.

The same rules as the bot's staff form (``bot.workshops.rules``); an import checks every row
first and creates nothing if one is wrong, naming the line and the field. Messages to
sellers (announcements, cancellations) go through the outbox, sent by the running bot or
``seller-bot send``.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
from pathlib import Path
from typing import Any

from bot.admin.staff import Role, all_districts
from bot.conversation.links import CheckinLink, WorkshopLink
from bot.db.engine import Database
from bot.db.models import utcnow
from bot.i18n import use_locale
from bot.settings import Settings
from bot.workshops import services
from bot.workshops import workshops as store
from bot.workshops.rules import FIELDS, RowError, values_from_row
from bot.workshops.words import when

# A shell's user runs every workshop, as an operator does in the bot.
OPERATOR = Role(operator=True, districts=all_districts())


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", required=True)
    sub.add_parser("list", help="all workshops from today on")
    show = sub.add_parser("show", help="one workshop and its answers")
    show.add_argument("id", type=int)
    cancel = sub.add_parser("cancel", help="cancel; everyone who answered is told")
    cancel.add_argument("id", type=int)
    add = sub.add_parser("add", help="create one (a draft unless --publish)")
    for name in FIELDS:
        add.add_argument("--" + name.replace("_", "-"), dest=name, default="")
    add.add_argument("--publish", action="store_true", help="announce it right away")
    imp = sub.add_parser("import", help="create workshops from a CSV file")
    imp.add_argument("file", type=Path)
    imp.add_argument("--publish", action="store_true", help="announce them right away")


def main(settings: Settings, args: argparse.Namespace) -> int:
    with use_locale("en"):
        return asyncio.run(_run(settings, args))


async def _run(settings: Settings, args: argparse.Namespace) -> int:
    database = Database(settings.database_url)
    try:
        return await ACTIONS[args.action](database, args)
    finally:
        await database.dispose()


def _line(w: dict[str, Any]) -> str:
    return (f"#{w['id']:<4} {w['status']:<9} {when(w)}  {w['title_en'] or w['title_hi']}  "
            f"[{', '.join(w['districts'])}] cap {w['capacity']}")


async def _list(database: Database, args: argparse.Namespace) -> int:
    async with database.transaction() as session:
        rows = await store.all_workshops(session, since=utcnow().replace(hour=0, minute=0))
    if not rows:
        print("No workshops from today on.")
    for w in rows:
        print(_line(w))
    return 0


async def _show(database: Database, args: argparse.Namespace) -> int:
    async with database.transaction() as session:
        w = await store.get(session, args.id)
        if w is None:
            print(f"No workshop #{args.id}.")
            return 1
        rsvps = await store.rsvps(session, args.id)
    print(_line(w))
    print(f"  {w['title_hi']}\n  organiser {w['organiser']}, topic {w['topic']}, "
          f"language {w['session_language']}")
    print(f"  place {w['place'] or '-'}  link {w['online_url'] or '-'}")
    checkin = CheckinLink(w["checkin_code"]).pack()
    print(f"  check-in code {w['checkin_code']} (deep link: ?start={checkin})")
    poster = WorkshopLink(w["id"]).pack()
    print(f"  poster link ?start={poster} (seller-bot poster --workshop {w['id']})")
    counts: dict[str, int] = {}
    for r in rsvps:
        counts[r["answer"]] = counts.get(r["answer"], 0) + 1
    print("  answers: " + (", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "none")
          + f"; checked in {sum(1 for r in rsvps if r['attended_at'])}")
    return 0


async def _cancel(database: Database, args: argparse.Namespace) -> int:
    async with database.transaction() as session:
        if await store.get(session, args.id) is None:
            print(f"No workshop #{args.id}.")
            return 1
        told = await services.cancel(session, OPERATOR, args.id, now=utcnow())
    print(f"Workshop #{args.id} cancelled; {len(told)} people will be told.")
    return 0


async def _create(database: Database, rows: list[tuple[int, dict[str, Any]]],
                  publish: bool) -> list[tuple[int, int]]:
    created = []
    now = utcnow()
    async with database.transaction() as session:  # all or nothing
        for _number, values in rows:
            workshop_id = await services.create(session, OPERATOR, values, created_by=None,
                                                now=now)
            count = (await services.announce(session, OPERATOR, workshop_id, now=now)
                     if publish else 0)
            created.append((workshop_id, count))
    return created


async def _add(database: Database, args: argparse.Namespace) -> int:
    row = {name: getattr(args, name) for name in FIELDS}
    try:
        values = values_from_row(row, utcnow())
    except RowError as error:
        print(f"--{error.field.replace('_', '-')}: {error.message}")
        return 1
    ((workshop_id, count),) = await _create(database, [(0, values)], args.publish)
    print(f"Workshop #{workshop_id} created" + (f" and announced to {count} sellers."
                                                 if args.publish else " as a draft."))
    return 0


async def _import(database: Database, args: argparse.Namespace) -> int:
    try:
        text = args.file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"Cannot read {args.file}: {exc}")
        return 1
    reader = csv.DictReader(text.splitlines())
    now = utcnow()
    good: list[tuple[int, dict[str, Any]]] = []
    errors = []
    try:
        missing = [f for f in ("title_en", "date", "start", "districts")
                   if f not in (reader.fieldnames or [])]
        if missing:
            print(f"{args.file}: the header must name the columns {', '.join(FIELDS)}; "
                  f"missing: {', '.join(missing)}.")
            return 1
        for row in reader:
            try:
                good.append((reader.line_num, values_from_row(row, now)))
            except RowError as error:
                errors.append(f"{args.file}, line {reader.line_num}, {error.field}: "
                              f"{error.message}")
    except csv.Error as exc:  # a field over csv.field_size_limit() (128 KiB), a NUL byte
        # line_num counts the lines read before the one that failed
        print(f"{args.file}, line {reader.line_num + 1}: cannot read the row ({exc}); nothing "
              f"was imported.")
        return 1
    if errors:
        print("\n".join(errors))
        print(f"Nothing was imported: {len(errors)} of {len(errors) + len(good)} rows "
              f"need fixing.")
        return 1
    created = await _create(database, good, args.publish)
    print(f"Imported {len(created)} workshops" + (
        f"; {sum(c for _w, c in created)} announcements queued." if args.publish
        else " as drafts."))
    return 0


ACTIONS = {"list": _list, "show": _show, "cancel": _cancel, "add": _add, "import": _import}
