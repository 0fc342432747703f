"""The district funnel as a PNG bar chart, labels in the reader's language.

Drawn with Pillow using its Raqm layout engine (HarfBuzz shaping, FriBiDi), which Pillow's
wheels ship: Devanagari conjuncts, matras and reph come out as a reader expects. Without
shaping, "प्रोफ़ाइल" would show its letters side by side with the vowel signs in the wrong
place. The font is the one all the bot's files use (``bot.files.pdf.font_path``: Hind,
from a PyPI package), so nothing depends on the fonts of the machine.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from bot.files.pdf import font_path

LAYOUT = ImageFont.Layout.RAQM
WIDTH, ROW, TOP, LEFT, RIGHT = 1200, 92, 150, 330, 60
BAR, EMPTY, INK, MUTED = (38, 110, 180), (225, 232, 240), (25, 25, 25), (95, 95, 95)
LABEL_SIZE, TITLE_SIZE, NOTE_SIZE = 30, 40, 24


@cache
def font(size: int, bold: bool = False, layout: ImageFont.Layout = LAYOUT
         ) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(font_path(bold), size, layout_engine=layout)


@dataclass(frozen=True)
class Bar:
    label: str  # the stage, in the reader's language
    value: int
    note: str  # e.g. "62% · +5 in 7 days (+3 before)"


@dataclass(frozen=True)
class Placed:
    """Where a label was drawn (for tests that check the shaping on the image)."""

    text: str
    xy: tuple[int, int]
    size: int


def render(title: str, subtitle: str, bars: list[Bar]) -> tuple[bytes, list[Placed]]:
    """The PNG and where each stage label sits."""
    height = TOP + ROW * len(bars) + 40
    image = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    draw.text((40, 30), title, font=font(TITLE_SIZE, bold=True), fill=INK)
    draw.text((40, 88), subtitle, font=font(NOTE_SIZE), fill=MUTED)
    top = max((b.value for b in bars), default=0) or 1
    span = WIDTH - LEFT - RIGHT
    placed = []
    for i, bar in enumerate(bars):
        y = TOP + i * ROW
        xy = (40, y + 8)
        draw.text(xy, bar.label, font=font(LABEL_SIZE), fill=INK)
        placed.append(Placed(bar.label, xy, LABEL_SIZE))
        draw.rectangle((LEFT, y + 6, LEFT + span, y + 48), fill=EMPTY)
        filled = int(span * bar.value / top)
        if filled:
            draw.rectangle((LEFT, y + 6, LEFT + filled, y + 48), fill=BAR)
        count = str(bar.value)
        inside = filled > 120
        draw.text((LEFT + (12 if inside else filled + 12), y + 10), count,
                  font=font(LABEL_SIZE, bold=True), fill="white" if inside else INK)
        draw.text((LEFT, y + 52), bar.note, font=font(NOTE_SIZE - 4), fill=MUTED)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue(), placed
