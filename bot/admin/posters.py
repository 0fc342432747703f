"""Printable A4 posters in Hindi and English with a QR code to one of the bot's deep links:
for a district (``t.me/<bot>?start=d_<district>``: onboarding starts with the district
chosen) and for a workshop (``start=w_<id>``: the workshop's card, after onboarding for a
newcomer). The short text under the code lets people type the same link. Both go through
one layout, ``render``; only their words differ.

fpdf2 writes the PDF and shapes the text through HarfBuzz (``uharfbuzz``), so Devanagari
conjuncts and vowel signs are placed as in print; the font is Noto Sans Devanagari from a
PyPI package (it covers Latin too), set up by ``bot.files.pdf.document`` as for labels.
The QR code (segno) is drawn as vector squares, so it prints sharp at any size.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import segno
from fpdf import FPDF

from bot.conversation.links import DistrictLink, WorkshopLink
from bot.files import pdf as pdf_files
from bot.i18n import N_, _, get_locale, use_locale
from bot.reference import districts as reference
from bot.workshops import words as workshop_words

FONT = pdf_files.FONT
NEXT_LINE = {"new_x": "LMARGIN", "new_y": "NEXT"}  # each block starts on a new line
BLUE = (38, 110, 180)
HEADLINE = N_("Sell your craft online")
BODY = N_("Haat guides you step by step, free of charge: PAN, GST, bank and UPI, photos, "
          "and your first listing on Flipkart, Amazon, Meesho and ONDC.")
SCAN = N_("Scan the code with your phone's camera to open the bot on Telegram.")
TYPE = N_("Or open Telegram, search for @{bot} and send: {command}")
WORKSHOP_HEADLINE = N_("Free workshop for artisans")
WORKSHOP_BODY = N_("Scan the code to see the workshop in Haat and say you will come: the "
                   "bot sends you a calendar file and reminds you before it starts.")
WHEN = N_("When: {when}")
WHERE = N_("Where: {place}")
ONLINE = N_("online")
FOR = N_("For sellers of: {districts}")


@dataclass(frozen=True)
class Poster:
    file_name: str
    url: str
    pdf: bytes


@dataclass(frozen=True)
class Words:
    """What a poster says in one language; ``render`` sets Hindi above English."""

    headline: str
    highlight: str  # the district, or the workshop's title (in blue)
    body: str
    scan: str
    type: str
    details: tuple[str, ...] = field(default=())  # date, place, districts


def deep_link(username: str, district: str) -> str:
    return f"https://t.me/{username}?start={DistrictLink(district).pack()}"


def workshop_link(username: str, workshop_id: int) -> str:
    return f"https://t.me/{username}?start={WorkshopLink(workshop_id).pack()}"


def _in(locale: str, words: Callable[[], Words]) -> Words:
    with use_locale(locale):
        return words()


def _district_words(username: str, district: str) -> Words:
    place = reference.district(district)
    return Words(headline=_(HEADLINE), body=_(BODY), scan=_(SCAN),
                 type=_(TYPE).format(bot=username,
                                     command=f"/start {DistrictLink(district).pack()}"),
                 highlight=place.name(get_locale()) if place else district)


def _workshop_words(username: str, workshop: dict[str, Any]) -> Words:
    place = workshop.get("place") or _(ONLINE)
    return Words(
        headline=_(WORKSHOP_HEADLINE), highlight=workshop_words.title(workshop),
        body=_(WORKSHOP_BODY), scan=_(SCAN),
        type=_(TYPE).format(bot=username,
                            command=f"/start {WorkshopLink(workshop['id']).pack()}"),
        details=(_(WHEN).format(when=workshop_words.when(workshop)),
                 _(WHERE).format(place=place),
                 _(FOR).format(districts=workshop_words.districts_text(workshop))))


def _pdf() -> FPDF:
    pdf = pdf_files.document(210, 297, margin=20)  # A4
    pdf.set_top_margin(15)
    pdf.set_title("Haat")
    return pdf


def _qr(pdf: FPDF, url: str, x: float, y: float, size: float) -> None:
    code = segno.make(url, error="m")
    rows = list(code.matrix_iter(border=4))
    cell = size / len(rows)
    pdf.set_fill_color(0, 0, 0)
    for r, row in enumerate(rows):
        c = 0
        while c < len(row):  # one rectangle per run of dark modules
            if not row[c]:
                c += 1
                continue
            start = c
            while c < len(row) and row[c]:
                c += 1
            pdf.rect(x + start * cell, y + r * cell, (c - start) * cell, cell, style="F")
    pdf.link(x, y, size, size, url)


def render(url: str, hi: Words, en: Words, *, highlight_one_line: bool = False) -> bytes:
    """The one poster layout: headline, highlight, details, body (Hindi above English),
    the QR code to ``url`` (as large as the space left allows, at most 95 mm), how to
    scan it or type the link, and the link itself at the foot.
    ``highlight_one_line``: "हिन्दी · English" on one line (a district's short name)."""
    pdf = _pdf()
    pdf.add_page()
    width = pdf.w - 40
    pdf.set_fill_color(*BLUE)
    pdf.rect(0, 0, pdf.w, 12, style="F")
    pdf.set_xy(20, 22)
    pdf.set_font(FONT, "", 34)
    pdf.multi_cell(width, 15, hi.headline, align="C", **NEXT_LINE)
    pdf.set_font(FONT, "", 22)
    pdf.multi_cell(width, 11, en.headline, align="C", **NEXT_LINE)
    pdf.ln(3)
    pdf.set_text_color(*BLUE)
    if highlight_one_line:
        pdf.set_font(FONT, "", 26)
        pdf.multi_cell(width, 13, f"{hi.highlight} · {en.highlight}", align="C", **NEXT_LINE)
    else:
        pdf.set_font(FONT, "", 22)
        pdf.multi_cell(width, 10.5, hi.highlight, align="C", **NEXT_LINE)
        pdf.set_font(FONT, "", 17)
        pdf.multi_cell(width, 8.5, en.highlight, align="C", **NEXT_LINE)
    pdf.set_text_color(0, 0, 0)
    for hi_line, en_line in zip(hi.details, en.details, strict=True):
        pdf.ln(1.5)
        pdf.set_font(FONT, "", 14)
        pdf.multi_cell(width, 7, hi_line, align="C", **NEXT_LINE)
        pdf.set_font(FONT, "", 11)
        pdf.set_text_color(70, 70, 70)
        pdf.multi_cell(width, 5.5, en_line, align="C", **NEXT_LINE)
        pdf.set_text_color(0, 0, 0)
    pdf.ln(3)
    pdf.set_font(FONT, "", 15 if not hi.details else 13)
    pdf.multi_cell(width, 8 if not hi.details else 6.5, hi.body, align="C", **NEXT_LINE)
    pdf.set_font(FONT, "", 12 if not hi.details else 10.5)
    pdf.set_text_color(70, 70, 70)
    pdf.multi_cell(width, 6.5 if not hi.details else 5.5, en.body, align="C", **NEXT_LINE)
    pdf.set_text_color(0, 0, 0)
    top = max(pdf.get_y() + 6, 128.0)
    size = min(95.0, max(50.0, 228.0 - top))  # the texts below need about 40 mm
    _qr(pdf, url, (pdf.w - size) / 2, top, size)
    pdf.set_xy(20, top + size + 4)
    pdf.set_font(FONT, "", 14)
    pdf.multi_cell(width, 7.5, hi.scan, align="C", **NEXT_LINE)
    pdf.set_font(FONT, "", 11)
    pdf.multi_cell(width, 6, en.scan, align="C", **NEXT_LINE)
    pdf.ln(3)
    pdf.set_font(FONT, "", 13)
    pdf.multi_cell(width, 7, hi.type, align="C", **NEXT_LINE)
    pdf.set_font(FONT, "", 11)
    pdf.multi_cell(width, 6, en.type, align="C", **NEXT_LINE)
    pdf.set_font(FONT, "", 16)
    pdf.set_text_color(*BLUE)
    pdf.set_xy(20, pdf.h - 22)
    pdf.cell(width, 8, url.removeprefix("https://"), align="C", link=url)
    return bytes(pdf.output())


def poster(username: str, district: str) -> Poster:
    """A district's poster: the QR code opens onboarding with the district chosen."""
    url = deep_link(username, district)
    hi = _in("hi", lambda: _district_words(username, district))
    en = _in("en", lambda: _district_words(username, district))
    return Poster(f"haat-poster-{district}.pdf", url,
                  render(url, hi, en, highlight_one_line=True))


def workshop_poster(username: str, workshop: dict[str, Any]) -> Poster:
    """A workshop's poster: title, date and time (IST), place and districts; the QR code
    opens the workshop's card (after onboarding for a newcomer)."""
    url = workshop_link(username, workshop["id"])
    hi = _in("hi", lambda: _workshop_words(username, workshop))
    en = _in("en", lambda: _workshop_words(username, workshop))
    return Poster(f"haat-workshop-{workshop['id']}.pdf", url, render(url, hi, en))
