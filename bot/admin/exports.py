"""Staff exports: sellers with their progress, products as the marketplaces' upload
files, and workshop attendance; XLSX (with notes and dropdowns) and CSV (UTF-8 with BOM).

Pure functions from rows (``bot.admin.stats``) to bytes; the caller chose the districts
after checking the reader may see them. ``build_from`` is what the bot runs in a worker
process (``bot.runtime.offload``): it reads the rows there too, so that neither the
query (synchronous on SQLite: half a second for 10,000 products) nor the rows' pickling
holds up the bot's event loop; only plain values cross the pipe. Sellers' phone numbers and emails
are written only
when ``contacts`` is true: staff of the sellers' district (a facilitator never receives
another district's rows at all).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import create_engine

from bot.admin import access, attendance, stats
from bot.admin.staff import Role
from bot.conversation.turn import Gone
from bot.db.engine import SyncConnection, sync_url
from bot.db.models import as_utc
from bot.files import spreadsheet
from bot.files.spreadsheet import Column, Table
from bot.i18n import _, use_locale
from bot.listing import export as listing_export
from bot.listing import glossary_terms
from bot.listing.drafts import SellerFacts, product_facts
from bot.reference import districts as reference
from bot.reference.marketplaces import all_rules
from bot.workshops.reminders import IST

SELLERS, PRODUCTS, WORKSHOPS = "sellers", "products", "workshops"
XLSX, CSV = "xlsx", "csv"
KINDS, FORMATS = (SELLERS, PRODUCTS, WORKSHOPS), (XLSX, CSV)


def _district(code: str | None) -> str:
    found = reference.district(code or "")
    return found.name_en if found else (code or "")


def seller_columns(contacts: bool) -> list[Column]:
    """Column titles and notes in the reader's language (the current locale); the values
    (district names, yes/no, hi/en) stay as they are, for filters and uploads."""
    districts = tuple(d.name_en for d in reference.districts())
    only_staff = _("Shown only to staff of the seller's district.")
    columns = [
        Column(_("Seller ID"), _("Haat's number for this seller."), width=10),
        Column(_("Name"), _("As the seller typed it.")),
        Column(_("District"), _("District of Uttar Pradesh."), districts),
        Column(_("Craft"), _("What the seller makes."), width=24),
        Column(_("Business name"), _("Optional.")),
    ]
    if contacts:
        columns += [Column(_("Mobile"), only_staff),
                    Column(_("Email"), only_staff, width=26)]
    columns += [
        Column(_("Wants to export"), _("yes, no or later."), ("yes", "no", "later")),
        Column(_("Language"), _("The language the seller chose: hi or en."), ("hi", "en"),
               width=10),
        Column(_("Joined (IST)"), _("Date the seller agreed to start, India time."),
               width=12),
        Column(_("Profile done"), _("yes when the profile form was saved."), ("yes", "no"),
               width=12),
        Column(_("Steps done"), _("Digitisation steps marked done."), width=10),
        Column(_("Steps in total"), _("12, or 15 for sellers who want to export."), width=10),
        Column(_("Asked for help"), _("Steps where the seller pressed “I need help”."),
               width=10),
        Column(_("Products"), _("Products described in the bot."), width=10),
        Column(_("Drafts sent"), _("Products whose marketplace drafts were sent."), width=10),
        Column(_("Last seen (IST)"), _("Date of the seller's last message, India time."),
               width=12),
    ]
    return columns


def _ist_day(moment: datetime | None) -> date | None:
    """The date in India: a seller who joined at 01:00 IST joined that day, not the
    day before (UTC)."""
    return as_utc(moment).astimezone(IST).date() if moment is not None else None


def seller_values(row: Any, contacts: bool) -> list[object]:
    values: list[object] = [row.id, row.name, _district(row.district), row.craft_text,
                            row.business_name]
    if contacts:
        values += [row.phone, row.email]
    values += [row.wants_export, row.language, _ist_day(row.created_at),
               "yes" if row.profile_saved_at else "no", row.steps_done, row.steps_total,
               row.steps_help, row.products, row.drafts_sent, _ist_day(row.updated_at)]
    return values


def _one_table(sheet: str, columns: list[Column], values, fmt: str) -> bytes:
    if fmt == CSV:
        return spreadsheet.csv_bytes([c.title for c in columns], values)
    return spreadsheet.xlsx([Table(sheet, columns, values)])


def sellers_file(rows: Sequence[Any], fmt: str, contacts: bool) -> bytes:
    return _one_table(_("Sellers"), seller_columns(contacts),
                      (seller_values(row, contacts) for row in rows), fmt)


def _facts(row: Any):
    gst = row.gst or {}
    seller = SellerFacts(name=row.name or "", business_name=row.business_name,
                         district_code=row.district, address=row.address, phone=row.phone,
                         email=row.email, gstin=gst.get("gstin"), enrolment_id=gst.get("eid"),
                         terms=getattr(row, "terms", ()))
    return f"HAAT-{row.id}", product_facts(row.answers, row.photos or [], seller)


def products_files(rows: Sequence[Any], fmt: str, stem: str) -> list[tuple[str, bytes]]:
    """The marketplaces' upload files: one XLSX with a sheet per marketplace, or one CSV
    per marketplace (``listing.export`` writes them; CSV cells are neutralised there)."""
    facts = [_facts(row) for row in rows]
    keys = list(all_rules())
    if fmt == XLSX:
        return [(f"{stem}.xlsx", listing_export.products_workbook(facts, keys))]
    return [(f"{stem}-{key}.csv", listing_export.csv_file(listing_export.drafts_of(facts, key)))
            for key in keys]


def plain(rows: Sequence[Any]) -> list[SimpleNamespace]:
    """Database rows as plain values (same attribute names), to cross into a worker
    process: an ORM or driver row does not pickle reliably, a namespace of JSON values,
    strings and datetimes does."""
    return [SimpleNamespace(**row._mapping) for row in rows]


def build(kind: str, rows: Sequence[Any], fmt: str, stem: str, contacts: bool
          ) -> list[tuple[str, bytes]]:
    """The files of one export: (file name, bytes)."""
    if kind == SELLERS:
        return [(f"{stem}.{fmt}", sellers_file(rows, fmt, contacts))]
    if kind == WORKSHOPS:
        return [(f"{stem}.{fmt}", attendance_file(rows, fmt, contacts))]
    return products_files(rows, fmt, stem)


async def rows_of(session: Any, kind: str, codes: list[str]) -> list[Any]:
    if kind == SELLERS:
        return await stats.sellers_rows(session, codes)
    if kind == WORKSHOPS:
        # One row per answer of these districts' sellers (never another district's).
        return await attendance.rows(session, codes)
    rows = await stats.products_rows(session, codes)
    # Each district's reviewed glossary words, read once, beside its products.
    terms = {code: await glossary_terms.in_use(session, code) for code in
             {row.district for row in rows}}
    return [SimpleNamespace(**row._mapping, terms=terms[row.district]) for row in rows]


async def _read(database_url: str, kind: str, codes: list[str]) -> list[Any]:
    # A plain read on a connection of its own, not ``Database.transaction()``: on SQLite
    # that takes the write lock (BEGIN IMMEDIATE), and every chatting seller's update would
    # wait for the half second the query takes. A WAL reader blocks no writer.
    engine = create_engine(sync_url(database_url))
    try:
        with engine.connect() as connection:
            return await rows_of(SyncConnection(connection), kind, codes)
    finally:
        engine.dispose()


def build_from(database_url: str, kind: str, codes: list[str], fmt: str, stem: str,
               contacts: bool, language: str = "en") -> tuple[int, list[tuple[str, bytes]]]:
    """In the worker: read the rows (its own connection) and make the files, titles and
    notes in ``language`` (the staff member's); returns the number of rows and the files
    (none when there are no rows)."""
    rows = asyncio.run(_read(database_url, kind, codes))
    with use_locale(language):
        return len(rows), (build(kind, rows, fmt, stem, contacts) if rows else [])


@dataclass(frozen=True)
class ExportPlan:
    """One export, checked: what ``build_from`` is given (with the database URL)."""

    kind: str
    fmt: str
    codes: list[str]
    stem: str
    contacts: bool
    language: str = "en"  # of titles and notes: the staff member's

    def job_args(self, database_url: str) -> tuple:
        return (database_url, self.kind, self.codes, self.fmt, self.stem, self.contacts,
                self.language)


def plan(role: Role | None, kind: str, fmt: str, district: str, language: str = "en"
         ) -> ExportPlan:
    """An export of ``kind`` (SELLERS, PRODUCTS, WORKSHOPS) as ``fmt`` (XLSX, CSV) for one
    district or all the staff member's (``access.ALL``), if they may have it."""
    role = access.require(role, district)
    if kind not in KINDS or fmt not in FORMATS or not district:
        raise Gone(_("This button no longer works."))
    codes = access.scope(role, district)
    # Every row is in the reader's districts, so contacts go to staff of that district.
    contacts = all(role.can_see(code) for code in codes)
    stem = file_stem(kind, codes if district != access.ALL else [*codes, "all"])
    return ExportPlan(kind, fmt, codes, stem, contacts, language)


def file_stem(kind: str, districts: list[str]) -> str:
    where = districts[0] if len(districts) == 1 else "districts"
    return f"haat-{kind}-{where}"


def caption(kind: str, count: int) -> str:
    if kind == SELLERS:
        return _("Sellers: {count}").format(count=count)
    if kind == WORKSHOPS:
        return _("Workshop answers: {count}").format(count=count)
    return _("Products: {count}").format(count=count)


# ---------------------------------------------------------------- workshop attendance

# The stored answer -> the word in the file (a dropdown on the column).
ANSWER_WORDS = {"going": "going", "waiting": "waiting list", "maybe": "maybe",
                "no": "not going"}
WORKSHOP_STATUS_WORDS = {"draft": "draft", "published": "announced", "cancelled": "cancelled"}


def _ist(moment: datetime | None) -> str | None:
    """"2026-12-15 10:30" in India time: a time of day matters here, not just the date."""
    if moment is None:
        return None
    return as_utc(moment).astimezone(IST).strftime("%Y-%m-%d %H:%M")


def _workshop_districts(codes: list[str] | None) -> str:
    if not codes or "*" in codes:
        return "All districts"
    return ", ".join(_district(code) for code in codes)


def attendance_columns(contacts: bool) -> list[Column]:
    districts = tuple(d.name_en for d in reference.districts())
    india = _("India time.")
    columns = [
        Column(_("Workshop ID"), _("Haat's number for the workshop (its poster link is "
               "start=w_<ID>)."), width=10),
        Column(_("Workshop"), _("Title in English."), width=30),
        Column(_("Title (Hindi)"), _("Title in Hindi."), width=30),
        Column(_("Starts (IST)"), _("Date and time the workshop starts, India time."),
               width=17),
        Column(_("Workshop districts"), _("The districts the workshop is for."), width=22),
        Column(_("Place"), _("Address, or the link of an online workshop."), width=30),
        Column(_("Workshop status"), _("announced or cancelled."),
               tuple(WORKSHOP_STATUS_WORDS.values()), width=12),
        Column(_("Seller ID"), _("Haat's number for this seller."), width=10),
        Column(_("Seller name"), _("As the seller typed it.")),
        Column(_("District"), _("The seller's district."), districts),
    ]
    if contacts:
        columns.append(Column(_("Mobile"), _("Shown only to staff of the seller's "
                                             "district.")))
    columns += [
        Column(_("Answer"), _("going; waiting list (the workshop was full); maybe; not "
               "going."), tuple(ANSWER_WORDS.values()), width=12),
        Column(_("Answered (IST)"), _("When the seller last answered, India time."),
               width=17),
        Column(_("Checked in"), _("yes when the seller checked in or staff marked them "
               "present."), ("yes", "no"), width=10),
        Column(_("Checked in at (IST)"), india, width=17),
        Column(_("Feedback score"), _("1 (not useful) to 5 (very useful), from those who "
               "attended."), ("1", "2", "3", "4", "5"), width=10),
        Column(_("Feedback comment"), _("What the seller wrote after the workshop, as "
               "typed."), width=40),
    ]
    return columns


def attendance_values(row: Any, contacts: bool) -> list[object]:
    values: list[object] = [
        row.workshop_id, row.title_en, row.title_hi, _ist(row.starts_at),
        _workshop_districts(row.workshop_districts), row.place or row.online_url,
        WORKSHOP_STATUS_WORDS.get(row.status, row.status), row.seller_id, row.name,
        _district(row.district)]
    if contacts:
        values.append(row.phone)
    values += [ANSWER_WORDS.get(row.answer, row.answer), _ist(row.answered_at),
               "yes" if row.attended_at else "no", _ist(row.attended_at),
               row.feedback_score, row.feedback_comment]
    return values


def attendance_file(rows: Sequence[Any], fmt: str, contacts: bool) -> bytes:
    return _one_table(_("Workshop attendance"), attendance_columns(contacts),
                      (attendance_values(row, contacts) for row in rows), fmt)
