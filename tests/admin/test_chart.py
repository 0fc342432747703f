"""The progress chart renders Devanagari shaped: checked on the image, against the same
text laid out with shaping (Raqm) and without it (Pillow's basic layout)."""

from __future__ import annotations

import io

import uharfbuzz as hb
from PIL import Image, ImageChops, ImageDraw, ImageFont

from bot.admin import chart
from bot.files.pdf import font_path

LABELS = ["जुड़े", "प्रोफ़ाइल पूरी", "आधे कदम पूरे", "पहला प्रोडक्ट तैयार", "ड्राफ़्ट भेजे"]


def _alone(text: str, xy: tuple[int, int], size: int, layout, canvas) -> Image.Image:
    image = Image.new("RGB", canvas, "white")
    ImageDraw.Draw(image).text(xy, text, font=chart.font(size, layout=layout),
                               fill=chart.INK)
    return image


def _crop(image: Image.Image, placed: chart.Placed) -> Image.Image:
    left, top, right, bottom = chart.font(placed.size).getbbox(placed.text)
    x, y = placed.xy
    return image.crop((x + left - 2, y + top - 2, x + right + 2, y + bottom + 2))


def test_chart_labels_are_shaped_devanagari() -> None:
    png, placed = chart.render("प्रगति: फ़िरोज़ाबाद", "हर पड़ाव पर सेलर",
                               [chart.Bar(label, 10 - i, "") for i, label in enumerate(LABELS)])
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert [p.text for p in placed] == LABELS
    for p in placed[1:]:  # every label with a conjunct or a reordered vowel sign
        drawn = _crop(image, p)
        shaped = _crop(_alone(p.text, p.xy, p.size, ImageFont.Layout.RAQM, image.size), p)
        unshaped = _crop(_alone(p.text, p.xy, p.size, ImageFont.Layout.BASIC, image.size), p)
        assert ImageChops.difference(drawn, shaped).getbbox() is None, p.text
        assert ImageChops.difference(drawn, unshaped).getbbox() is not None, p.text


def test_shaping_reorders_and_joins_what_a_basic_layout_would_not() -> None:
    """Why the check above can fail: HarfBuzz with this font makes fewer glyphs than
    characters for "प्रोफ़ाइल" (the conjunct प्र) and puts the i-matra of "फ़ि" before
    its consonant."""
    blob = hb.Blob.from_file_path(font_path())
    font = hb.Font(hb.Face(blob))

    def shape(text: str) -> list[hb.GlyphInfo]:
        buf = hb.Buffer()
        buf.add_str(text)
        buf.guess_segment_properties()
        hb.shape(font, buf)
        return buf.glyph_infos

    assert len(shape("प्रोफ़ाइल")) < len("प्रोफ़ाइल")
    nominal = {font.get_nominal_glyph(ord(ch)) for ch in "ि"}
    glyphs = [g.codepoint for g in shape("फ़ि")]
    assert glyphs[0] in nominal or glyphs[0] != font.get_nominal_glyph(ord("फ"))
