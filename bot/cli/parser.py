"""``seller-bot``'s command line: the commands and their arguments (``main.py`` runs them)."""

from __future__ import annotations

import argparse


def build_parser() -> argparse.ArgumentParser:
    """Every command, its arguments and its one-line help."""
    parser = argparse.ArgumentParser(prog="seller-bot", description="Haat seller bot")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="run on Telegram (or the terminal chat without a token)")
    chat = sub.add_parser("chat", help="talk to the bot in this terminal")
    chat.add_argument("--files", metavar="DIR",
                      help="folder for the files the bot sends (default: haat-files)")
    sub.add_parser("send", help="run the outbox sender alone (a process of its own)")
    sub.add_parser("web", help="serve the staff web page alone on PORT (for a bot that "
                   "polls; needs WEB_URL)")
    sub.add_parser("outbox", help="count outbox messages by kind and status")
    db = sub.add_parser("db", help="database tasks")
    db.add_argument("action", choices=["upgrade"])
    from bot.cli import workshops as workshops_cli

    workshops_cli.add_arguments(sub.add_parser("workshops", help="staff: add, list, show, "
                                               "cancel and import workshops"))
    bench = sub.add_parser("bench", help="measure throughput, latency and memory")
    bench.add_argument("--quick", action="store_true", help="smaller run, for a smoke test")
    bench.add_argument("--only", choices=["funnel", "outbox", "export", "workers", "web"],
                       help="run one part only")
    staff = sub.add_parser("staff", help="appoint, remove and list facilitators")
    staff_sub = staff.add_subparsers(dest="action", required=True)
    add = staff_sub.add_parser("add", help="appoint a facilitator for districts")
    add.add_argument("telegram_id", type=int)
    add.add_argument("--districts", nargs="+", required=True,
                     help="district codes or names, e.g. agra firozabad")
    add.add_argument("--name", help="the facilitator's name, as the staff list shows it")
    remove = staff_sub.add_parser("remove", help="remove a facilitator")
    remove.add_argument("telegram_id", type=int)
    staff_sub.add_parser("list", help="list facilitators, operators and testers")
    tester = staff_sub.add_parser("tester", help="mark a Telegram id as a tester: never "
                                  "counted as a seller (funnel, audiences, attendance)")
    tester.add_argument("telegram_id", type=int)
    tester.add_argument("--remove", action="store_true", help="count them again")
    export = sub.add_parser("export", help="export sellers, products or workshop attendance "
                            "to XLSX or CSV")
    export.add_argument("kind", choices=["sellers", "products", "workshops"])
    export.add_argument("--district", nargs="+", required=True,
                        help="district codes or names, or all")
    export.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
    export.add_argument("--out", default=".", help="folder for the files (default: here)")
    export.add_argument("--no-contacts", action="store_true",
                        help="leave out sellers' mobile numbers and emails")
    poster = sub.add_parser("poster", help="a printable A4 QR poster (PDF) for a district "
                            "or a workshop")
    which = poster.add_mutually_exclusive_group(required=True)
    which.add_argument("--district", help="district code or name, e.g. firozabad")
    which.add_argument("--workshop", type=int, metavar="ID", help="workshop number")
    poster.add_argument("--bot", help="the bot's @username (default: asked from Telegram)")
    poster.add_argument("--out", default=".", help="folder for the PDF (default: here)")
    facts = sub.add_parser("facts", help="list the sourced facts (rates, fees, limits, rules) "
                           "whose as-of date is older than twelve months: re-check them")
    facts.add_argument("--months", type=int, default=12)
    facts.add_argument("--today", help="YYYY-MM-DD (default: today)")
    sub.add_parser("health", help="check the database, migrations, queues and sender; "
                   "exit 0 if all is well, else 1")
    backup_cmd = sub.add_parser("backup", help="copy the database to FILE (SQLite's online "
                                "backup, or pg_dump's custom format)")
    backup_cmd.add_argument("file")
    restore_cmd = sub.add_parser("restore", help="load a backup FILE into the (new, empty) "
                                 "database of DATABASE_URL")
    restore_cmd.add_argument("file")
    restore_cmd.add_argument("--replace", action="store_true",
                             help="overwrite a database that already holds Haat's tables")
    return parser
