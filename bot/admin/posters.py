"""A printable A4 poster for a district, in Hindi and English, with a QR code to the
bot's deep link ``t.me/<bot>?start=d_<district>`` (onboarding then starts with the
district chosen). The short text under the code lets people type the same link.

fpdf2 writes the PDF and shapes the text through HarfBuzz (``uharfbuzz``), so Devanagari
conjuncts and vowel signs are placed as in print; the font is Noto Sans Devanagari from a
PyPI package (it covers Latin too), set up by ``bot.files.pdf.document`` as for labels.
The QR code (segno) is drawn as vector squares, so it prints sharp at any size.
"""

from __future__ import annotations

from dataclasses import dataclass

import segno
from fpdf import FPDF

from bot.files import pdf as pdf_files
from bot.i18n import N_, _, use_locale
from bot.reference import districts as reference

FONT = pdf_files.FONT
NEXT_LINE = {"new_x": "LMARGIN", "new_y": "NEXT"}  # each block starts on a new line
DISTRICT_LINK = "d_"
HEADLINE = N_("Sell your craft online")
BODY = N_("Haat guides you step by step, free of charge: PAN, GST, bank and UPI, photos, "
          "and your first listing on Flipkart, Amazon, Meesho and ONDC.")
SCAN = N_("Scan the code with your phone's camera to open the bot on Telegram.")
TYPE = N_("Or open Telegram, search for @{bot} and send: {command}")


@dataclass(frozen=True)
class Poster:
    district: str
    url: str
    pdf: bytes


def deep_link(username: str, district: str) -> str:
    return f"https://t.me/{username}?start={DISTRICT_LINK}{district}"


def _texts(locale: str, username: str, district: str) -> dict[str, str]:
    with use_locale(locale):
        place = reference.district(district)
        return {"headline": _(HEADLINE), "body": _(BODY), "scan": _(SCAN),
                "type": _(TYPE).format(bot=username,
                                       command=f"/start {DISTRICT_LINK}{district}"),
                "district": place.name(locale) if place else district}


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


def poster(username: str, district: str) -> Poster:
    url = deep_link(username, district)
    hi, en = _texts("hi", username, district), _texts("en", username, district)
    pdf = _pdf()
    pdf.add_page()
    width = pdf.w - 40
    pdf.set_fill_color(38, 110, 180)
    pdf.rect(0, 0, pdf.w, 12, style="F")
    pdf.set_xy(20, 22)
    pdf.set_font(FONT, "", 34)
    pdf.multi_cell(width, 15, hi["headline"], align="C", **NEXT_LINE)
    pdf.set_font(FONT, "", 22)
    pdf.multi_cell(width, 11, en["headline"], align="C", **NEXT_LINE)
    pdf.ln(3)
    pdf.set_font(FONT, "", 26)
    pdf.set_text_color(38, 110, 180)
    pdf.multi_cell(width, 13, f"{hi['district']} · {en['district']}", align="C", **NEXT_LINE)
    pdf.set_text_color(0, 0, 0)
    pdf.ln(3)
    pdf.set_font(FONT, "", 15)
    pdf.multi_cell(width, 8, hi["body"], align="C", **NEXT_LINE)
    pdf.set_font(FONT, "", 12)
    pdf.set_text_color(70, 70, 70)
    pdf.multi_cell(width, 6.5, en["body"], align="C", **NEXT_LINE)
    pdf.set_text_color(0, 0, 0)
    size = 95.0
    top = max(pdf.get_y() + 6, 128.0)
    _qr(pdf, url, (pdf.w - size) / 2, top, size)
    pdf.set_xy(20, top + size + 4)
    pdf.set_font(FONT, "", 14)
    pdf.multi_cell(width, 7.5, hi["scan"], align="C", **NEXT_LINE)
    pdf.set_font(FONT, "", 11)
    pdf.multi_cell(width, 6, en["scan"], align="C", **NEXT_LINE)
    pdf.ln(3)
    pdf.set_font(FONT, "", 13)
    pdf.multi_cell(width, 7, hi["type"], align="C", **NEXT_LINE)
    pdf.set_font(FONT, "", 11)
    pdf.multi_cell(width, 6, en["type"], align="C", **NEXT_LINE)
    pdf.set_font(FONT, "", 16)
    pdf.set_text_color(38, 110, 180)
    pdf.set_xy(20, pdf.h - 22)
    pdf.cell(width, 8, url.removeprefix("https://"), align="C", link=url)
    return Poster(district, url, bytes(pdf.output()))
