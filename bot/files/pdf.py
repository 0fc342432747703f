"""Printable labels as PDF: a thin layer over fpdf2 with HarfBuzz text shaping.

Why these pieces (research: next-features §4): fpdf2 without ``set_text_shaping`` prints
Devanagari wrong (visible halants, the i-matra after its consonant); with uharfbuzz it is
right. The font is Hind (static Regular and Bold, Latin + Devanagari + ₹ in one file) from
the ``fontpkg-hind`` package, so nothing is downloaded at run time and bold keeps bold
advances (the variable Noto font does not in fpdf2). fpdf2's ``text()`` does not shape, so
everything here goes through ``cell``/``multi_cell``; text is left-aligned because
justified Hindi loses its spacing (fpdf2 #1139).

A label is a ``Box`` of ``Line``s plus optional handling symbols. ``sheet`` puts copies of
one box on A4 (2×2 or 2×4, with light cut lines), ``single`` makes a page the size of one
label. Line breaks are found once per box and replayed for every copy: finding them is
the costly part of shaping.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from functools import cache

import fontpkg
from fpdf import FPDF
from fpdf.enums import MethodReturnValue

# fontTools logs every step of the font subsetting fpdf2 does per PDF at INFO: noise in the
# bot's log, and time spent formatting it.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FONT = "Hind"
A4 = (210.0, 297.0)  # mm
MARGIN = 4.0  # mm inside each label
LINE_GAP = 1.18  # line height as a multiple of the font size
PT = 0.3528  # mm per point
# Labels per A4 sheet -> (columns, rows); the common 4-up and 8-up sheets.
LAYOUTS = {4: (2, 2), 8: (2, 4)}
SYMBOLS = frozenset({"fragile", "up", "dry"})  # ISO 780 handling marks
# FSS (Labelling and Display) Regulations 2020, reg. 5(4): vegetarian food carries a green
# filled circle inside a square with a green outline, non-vegetarian food a brown filled
# triangle inside a square with a brown outline, near the product's name. Drawn as shapes
# (no image): the square's side is MARK_MM, the circle's diameter half of it (the 2011 rule
# "square double the diameter"). The minimum-size table of reg. 5(4)(c) was not retrieved:
# 8 mm is at least the minimum for packs up to 2,500 cm² as we read it (unconfirmed).
FOOD_MARKS = {"veg": (0, 128, 0), "nonveg": (122, 61, 0)}  # green, brown
MARK_MM = 8.0
MAX_GROWTH = 2.2  # how far text may grow to fill a big label
MIN_SCALE = 0.4  # and how far it may shrink (below that it is unreadable anyway)


@dataclass(frozen=True)
class Line:
    text: str
    size: float = 9.0  # points, before fitting
    bold: bool = False
    align: str = "L"  # L or C
    space_before: float = 0.0  # mm

    def __post_init__(self) -> None:
        if self.size <= 0 or self.align not in ("L", "C"):
            raise ValueError(f"bad line: size {self.size}, align {self.align!r}")


@dataclass(frozen=True)
class Box:
    lines: tuple[Line, ...]
    symbols: tuple[str, ...] = ()  # drawn in a row at the bottom of the label
    border: bool = False  # a frame around the text (sticker style)
    food_mark: str | None = None  # "veg" / "nonveg": drawn before the first line (the name)

    def __post_init__(self) -> None:
        unknown = set(self.symbols) - SYMBOLS
        if unknown:
            raise ValueError(f"unknown symbols: {sorted(unknown)}")
        if self.food_mark is not None and self.food_mark not in FOOD_MARKS:
            raise ValueError(f"unknown food mark: {self.food_mark!r}")


@cache
def _font_files() -> tuple[str, str]:
    return str(fontpkg.path(FONT)), str(fontpkg.path(FONT, weight=700))


def font_path(bold: bool = False) -> str:
    """The one Devanagari + Latin font of every file the bot draws (PDFs, chart images)."""
    return _font_files()[1 if bold else 0]


def document(width: float, height: float, margin: float = 0) -> FPDF:
    """An empty PDF (mm) with the font, regular and bold, and HarfBuzz shaping on: the
    start of every PDF the bot makes (labels here, posters in bot/admin)."""
    return _new(width, height, margin)


def _new(width: float, height: float, margin: float = 0) -> FPDF:
    pdf = FPDF(unit="mm", format=(width, height))
    pdf.set_auto_page_break(False)
    pdf.set_margins(margin, margin, margin)
    regular, bold = _font_files()
    pdf.add_font(FONT, "", regular)
    pdf.add_font(FONT, "B", bold)
    pdf.set_text_shaping(True)
    pdf.set_creator("Haat")
    return pdf


@dataclass
class _Laid:
    """One box broken into printed lines at a scale that fits its cell."""

    rows: list[tuple[Line, float, list[str]]]  # line, font size used, its printed lines
    symbol_h: float


def _lines_of(pdf: FPDF, line: Line, size: float, width: float) -> list[str]:
    pdf.set_font(FONT, "B" if line.bold else "", size)
    if not line.text:
        return [""]
    return pdf.multi_cell(width, size * PT * LINE_GAP, line.text, align=line.align,
                          dry_run=True, output=MethodReturnValue.LINES)


def _layout(pdf: FPDF, box: Box, width: float, height: float) -> _Laid:
    """Break the lines at a scale that fills the label: grown when the text would leave
    much of it empty (a 4-up sticker), shrunk until it fits (a long address).

    Breaking shaped lines is the costly step, so the scale is first estimated from each
    line's width on one line, then the lines are broken once (again only if the estimate
    was too bold)."""
    inner_w, inner_h = width - 2 * MARGIN, height - 2 * MARGIN
    symbol_h = min(inner_h * 0.25, inner_w / (len(box.symbols) + 1)) if box.symbols else 0.0
    room = inner_h - symbol_h - (MARGIN if box.symbols else 0.0)
    widths = []
    for line in box.lines:
        pdf.set_font(FONT, "B" if line.bold else "", line.size)
        widths.append(pdf.get_string_width(line.text) if line.text else 0.0)

    def estimate(scale: float) -> float:
        # Word wrapping wastes some of each line: count it as 8 % more width.
        return sum(line.space_before * scale + max(1, math.ceil(w * scale * 1.08 / inner_w))
                   * line.size * scale * PT * LINE_GAP for line, w in zip(box.lines, widths,
                                                                          strict=True))

    low, high = MIN_SCALE, MAX_GROWTH
    if estimate(high) <= room:
        low = high
    for _step in range(12):  # bisection on arithmetic only
        if high - low < 0.02:
            break
        middle = (low + high) / 2
        low, high = (middle, high) if estimate(middle) <= room else (low, middle)
    scale = low
    beside = MARK_MM + 2 if box.food_mark else 0.0  # the first line starts after the mark
    for _try in range(8):
        rows, used = [], 0.0
        for i, line in enumerate(box.lines):
            size = line.size * scale
            printed = _lines_of(pdf, line, size, inner_w - (beside if i == 0 else 0))
            rows.append((line, size, printed))
            high = len(printed) * size * PT * LINE_GAP
            used += line.space_before * scale + (max(high, beside) if i == 0 else high)
        if used <= room or scale <= MIN_SCALE:
            break
        scale = max(MIN_SCALE, scale * 0.92)
    return _Laid(rows, symbol_h)


def _draw(pdf: FPDF, box: Box, laid: _Laid, x: float, y: float, width: float,
          height: float) -> None:
    if box.border:
        pdf.set_draw_color(0)
        pdf.set_line_width(0.6)
        pdf.rect(x + 1.5, y + 1.5, width - 3, height - 3)
    inner_w = width - 2 * MARGIN
    cy = y + MARGIN
    beside = 0.0
    if box.food_mark:
        _food_mark(pdf, box.food_mark, x + MARGIN, cy)
        beside = MARK_MM + 2
    for i, (line, size, printed) in enumerate(laid.rows):
        pdf.set_font(FONT, "B" if line.bold else "", size)
        cy += line.space_before * size / line.size
        step = size * PT * LINE_GAP
        top = cy
        shift = beside if i == 0 else 0.0
        for text in printed:
            pdf.set_xy(x + MARGIN + shift, cy)
            pdf.cell(inner_w - shift, step, text, align=line.align)
            cy += step
        if i == 0 and beside:
            cy = max(cy, top + beside)
    if box.symbols:
        _symbols(pdf, box.symbols, x + MARGIN, y + height - MARGIN - laid.symbol_h,
                 inner_w, laid.symbol_h)


def _symbols(pdf: FPDF, names: tuple[str, ...], x: float, y: float, width: float,
             height: float) -> None:
    """ISO 780 marks drawn as lines, so they need no image or symbol font."""
    pdf.set_draw_color(0)
    pdf.set_line_width(0.5)
    size = height
    gap = (width - size * len(names)) / (len(names) + 1)
    for i, name in enumerate(names):
        sx = x + gap + i * (size + gap)
        pdf.rect(sx, y, size, size)
        {"fragile": _glass, "up": _arrows, "dry": _umbrella}[name](pdf, sx, y, size)


def _food_mark(pdf: FPDF, mark: str, x: float, y: float) -> None:
    """The veg / non-veg symbol (reg. 5(4)), in its colour, MARK_MM square."""
    colour = FOOD_MARKS[mark]
    side = MARK_MM
    with pdf.local_context(draw_color=colour, fill_color=colour, line_width=side * 0.08):
        pdf.rect(x, y, side, side)
        if mark == "veg":
            r = side / 4
            pdf.ellipse(x + side / 2 - r, y + side / 2 - r, 2 * r, 2 * r, style="F")
        else:
            pdf.polygon([(x + side * 0.5, y + side * 0.22), (x + side * 0.78, y + side * 0.74),
                         (x + side * 0.22, y + side * 0.74)], style="F")


def _glass(pdf: FPDF, x: float, y: float, s: float) -> None:
    cx = x + s / 2
    top, bowl = y + s * 0.15, y + s * 0.55
    pdf.polyline([(cx - s * 0.22, top), (cx - s * 0.18, bowl - s * 0.08), (cx, bowl),
                  (cx + s * 0.18, bowl - s * 0.08), (cx + s * 0.22, top),
                  (cx - s * 0.22, top)])
    pdf.line(cx, bowl, cx, y + s * 0.8)
    pdf.line(cx - s * 0.15, y + s * 0.8, cx + s * 0.15, y + s * 0.8)
    # the crack
    pdf.polyline([(cx - s * 0.05, top), (cx + s * 0.03, top + s * 0.1),
                  (cx - s * 0.03, top + s * 0.18), (cx + s * 0.04, top + s * 0.28)])


def _arrows(pdf: FPDF, x: float, y: float, s: float) -> None:
    base = y + s * 0.82
    pdf.line(x + s * 0.2, base, x + s * 0.8, base)
    for ax in (x + s * 0.35, x + s * 0.65):
        pdf.line(ax, base - s * 0.05, ax, y + s * 0.3)
        pdf.polygon([(ax - s * 0.1, y + s * 0.32), (ax, y + s * 0.14),
                     (ax + s * 0.1, y + s * 0.32)], style="F")


def _umbrella(pdf: FPDF, x: float, y: float, s: float) -> None:
    cx, cy, r = x + s / 2, y + s * 0.48, s * 0.3
    pdf.arc(cx - r, cy - r, 2 * r, start_angle=180, end_angle=360)
    pdf.line(cx - r, cy, cx + r, cy)
    pdf.line(cx, cy, cx, y + s * 0.78)
    pdf.arc(cx - s * 0.12, y + s * 0.72, s * 0.12, start_angle=0, end_angle=180)
    for dx in (-0.3, 0.0, 0.3):  # rain
        pdf.line(cx + dx * s - s * 0.04, y + s * 0.06, cx + dx * s - s * 0.08, y + s * 0.14)


def sheet(box: Box, per_sheet: int, title: str = "Haat labels") -> bytes:
    """One A4 page with ``per_sheet`` copies of ``box`` (4 or 8), light cut lines between."""
    if per_sheet not in LAYOUTS:
        raise ValueError(f"per_sheet must be one of {sorted(LAYOUTS)}")
    columns, rows = LAYOUTS[per_sheet]
    width, height = A4[0] / columns, A4[1] / rows
    pdf = _new(*A4)
    pdf.set_title(title)
    pdf.add_page()
    with pdf.local_context(draw_color=190, line_width=0.1):
        pdf.set_dash_pattern(dash=1.5, gap=1.5)
        for c in range(1, columns):
            pdf.line(c * width, 0, c * width, A4[1])
        for r in range(1, rows):
            pdf.line(0, r * height, A4[0], r * height)
    # Shaping every copy costs ~25 ms each; the first copy's drawing operators (wrapped in
    # q/Q by local_context) are replayed for the others, moved by a translation matrix.
    contents = pdf.pages[pdf.page].contents
    start = len(contents)
    with pdf.local_context():
        _draw(pdf, box, _layout(pdf, box, width, height), 0, 0, width, height)
    first = bytes(contents[start:])
    for i in range(1, per_sheet):
        dx, dy = (i % columns) * width * pdf.k, (i // columns) * height * pdf.k
        pdf._out(f"q 1 0 0 1 {dx:.2f} {-dy:.2f} cm".encode() + b"\n" + first + b"Q")
    return bytes(pdf.output())


def single(box: Box, width: float, height: float, title: str = "Haat label") -> bytes:
    """A page the size of one label (for label printers, or to print at a shop)."""
    pdf = _new(width, height)
    pdf.set_title(title)
    pdf.add_page()
    _draw(pdf, box, _layout(pdf, box, width, height), 0, 0, width, height)
    return bytes(pdf.output())


def size_of(per_sheet: int) -> tuple[float, float]:
    """The size of one label on an A4 sheet of ``per_sheet`` (mm)."""
    columns, rows = LAYOUTS[per_sheet]
    return A4[0] / columns, A4[1] / rows
