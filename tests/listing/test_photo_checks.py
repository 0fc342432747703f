"""Tests for bot.photo_checks, on real JPEG/PNG bytes drawn with Pillow in memory."""

from __future__ import annotations

import io
import random
import struct
import zlib
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from PIL import Image, ImageDraw, ImageEnhance, ImageFilter

from bot.i18n import format_number, use_locale
from bot.listing import photo_checks as pc
from bot.listing.photo_checks import FILE_TIP, PhotoReport, Problem, advice, check_image

WHITE = (255, 255, 255)


# --- image makers ------------------------------------------------------------------------

def product(size: tuple[int, int] = (1200, 1200), bg=WHITE, *, plain: bool = False,
            frac: float = 0.6, mode: str = "RGB") -> Image.Image:
    """A round 'product' in the middle: terracotta, with yellow stripes and blue dots."""
    w, h = size
    s = int(min(w, h) * frac)
    box = ((w - s) // 2, (h - s) // 2, (w - s) // 2 + s, (h - s) // 2 + s)
    obj = Image.new("RGB", size, (180, 60, 40))
    if not plain:
        d = ImageDraw.Draw(obj)
        step = max(4, s // 36)
        for x in range(box[0] - s, box[2], step):
            d.line([(x, box[1]), (x + s // 3, box[3])], fill=(240, 200, 60),
                   width=max(1, step // 3))
        rnd = random.Random(7)
        for _ in range(60):
            cx = rnd.randint(box[0] + s // 5, box[2] - s // 5)
            cy = rnd.randint(box[1] + s // 5, box[3] - s // 5)
            r = rnd.randint(max(2, s // 70), max(3, s // 24))
            d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(20, 80, 150), outline=(250, 250, 250))
    mask = Image.new("L", size, 0)
    ImageDraw.Draw(mask).ellipse(box, fill=255)
    if mode == "RGBA":
        out = Image.new("RGBA", size, (0, 0, 0, 0))  # transparent black, as editors save it
        out.paste(obj, (0, 0), mask)
        return out
    out = Image.new("RGB", size, bg)
    out.paste(obj, (0, 0), mask)
    return out


def jpeg(im: Image.Image, quality: int = 90, **kw) -> bytes:
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=quality, **kw)
    return buf.getvalue()


def png(im: Image.Image, **kw) -> bytes:
    buf = io.BytesIO()
    im.save(buf, "PNG", **kw)
    return buf.getvalue()


def codes(report: PhotoReport) -> set[str]:
    return {p.code for p in report.problems}


@pytest.fixture(scope="module")
def good() -> Image.Image:
    return product()


# --- good photos -------------------------------------------------------------------------

@pytest.mark.parametrize("encode", [jpeg, png])
def test_good_product_on_white_has_no_problems(good, encode) -> None:
    report = check_image(encode(good), main=True)
    assert report.problems == ()
    assert report.ok
    assert (report.width, report.height) == (1200, 1200)
    assert report.format == ("JPEG" if encode is jpeg else "PNG")
    assert 150 < report.brightness < 235
    assert report.sharpness > 2 * pc.BLUR_RATIO
    assert report.white_border > 0.99


def test_plain_product_on_white_is_not_blurry_or_washed_out() -> None:
    # Few edges (only the outline) must not read as blur; a small product on a lot of
    # white must not read as washed out.
    for frac in (0.6, 0.3):
        report = check_image(jpeg(product(plain=True, frac=frac)), main=True)
        assert report.problems == (), (frac, report)
        assert report.edges >= pc.EDGE_MIN  # it *was* judged, not skipped


def test_good_photo_as_secondary_is_fine_even_if_not_square() -> None:
    assert check_image(jpeg(product((1200, 900))), main=False).problems == ()


# --- size and shape ----------------------------------------------------------------------

def test_too_small_is_blocking(good) -> None:
    report = check_image(jpeg(good.resize((400, 400))), main=True)
    assert codes(report) == {"too_small"}
    (problem,) = report.problems
    assert problem.blocking and not report.ok
    assert problem.params == {"width": 400, "height": 400, "minimum": 500, "recommended": 1000}


def test_long_side_decides_too_small() -> None:
    # 600×450: the long side is over 500, so usable, but not zoomable.
    report = check_image(jpeg(product((600, 450))), main=False)
    assert codes(report) == {"low_resolution"}


def test_low_resolution_is_only_a_warning(good) -> None:
    report = check_image(jpeg(good.resize((800, 800), Image.Resampling.LANCZOS)), main=True)
    assert codes(report) == {"low_resolution"}
    assert report.ok
    assert report.problems[0].params == {"width": 800, "height": 800, "recommended": 1000}


def test_exactly_1000_is_enough(good) -> None:
    report = check_image(jpeg(good.resize((1000, 1000), Image.Resampling.LANCZOS)), main=True)
    assert report.problems == ()


@pytest.mark.parametrize("main", [True, False])
def test_too_tall_or_wide(main) -> None:
    report = check_image(jpeg(product((2000, 600))), main=main)
    # Very long strips get one shape warning, not also not_square.
    assert codes(report) == {"too_tall_or_wide"}
    assert report.ok
    assert report.problems[0].params == {"width": 2000, "height": 600}


def test_main_photo_not_square() -> None:
    report = check_image(jpeg(product((1200, 900))), main=True)
    assert codes(report) == {"not_square"}
    assert report.problems[0].params == {"width": 1200, "height": 900}


def test_nearly_square_main_photo_passes() -> None:
    assert check_image(jpeg(product((1200, 1120))), main=True).problems == ()


def test_exif_rotation_is_applied() -> None:
    # Stored 1200×900 with the top half dark; Orientation 6 shows it rotated 90° clockwise,
    # as a phone held upright writes it: 900×1200 with the dark half on the right.
    im = Image.new("RGB", (1200, 900), WHITE)
    ImageDraw.Draw(im).rectangle([0, 0, 1199, 449], fill=(30, 30, 30))
    exif = Image.Exif()
    exif[0x0112] = 6
    data = jpeg(im, exif=exif.tobytes())
    report = check_image(data, main=False)
    assert (report.width, report.height) == (900, 1200)
    work = pc._work_copy(Image.open(io.BytesIO(data)))
    assert work.width < work.height
    assert sum(work.getpixel((work.width - 5, work.height // 2))) < 150
    assert sum(work.getpixel((5, work.height // 2))) > 700


# --- light -------------------------------------------------------------------------------

def test_too_dark(good) -> None:
    dark = ImageEnhance.Brightness(good).enhance(0.2)
    report = check_image(jpeg(dark), main=False)
    assert codes(report) == {"too_dark"}
    assert report.brightness < pc.DARK_MEAN


def test_washed_out() -> None:
    # Faded on a brown table: the background is not white, so it is judged as faded.
    brown = product(bg=(120, 90, 60))
    faded = Image.blend(brown, Image.new("RGB", brown.size, WHITE), 0.88)
    report = check_image(jpeg(faded), main=False)
    assert codes(report) == {"washed_out"}
    assert report.brightness > pc.WASHED_MEAN
    assert report.contrast < pc.WASHED_STD


def test_pale_or_faded_on_white_is_not_called_faded(good) -> None:
    # On the white background the bot asks for, a faded product and a white one read
    # alike: the advice asks to check the product, it does not contradict itself.
    faded = Image.blend(good, Image.new("RGB", good.size, WHITE), 0.85)
    assert codes(check_image(jpeg(faded), main=True)) == {"pale_on_white"}


def white_kurta() -> Image.Image:
    """A cream garment with white-thread embroidery and soft folds, on a white sheet."""
    im = Image.new("RGB", (1200, 1200), WHITE)
    d = ImageDraw.Draw(im)
    d.polygon([(420, 200), (780, 200), (900, 420), (820, 460), (800, 1050), (400, 1050),
               (380, 460), (300, 420)], fill=(246, 242, 232))
    for x in range(440, 780, 60):  # folds
        d.line((x, 480, x + 20, 1040), fill=(232, 227, 216), width=6)
    rnd = random.Random(3)
    for _ in range(300):  # chikan stitches
        x, y = rnd.randint(460, 740), rnd.randint(240, 700)
        d.ellipse((x, y, x + 6, y + 6), outline=(236, 232, 222))
    return im


def test_white_kurta_on_white_is_not_washed_out() -> None:
    report = check_image(jpeg(white_kurta()), main=True)
    assert codes(report) == {"pale_on_white"}  # a note to check, not "too bright and faded"
    assert advice(Problem("pale_on_white", False)).startswith("The product is very pale")


def test_thin_dark_product_on_white_is_not_washed_out() -> None:
    # A chain, a label, thread: little area, so low std-dev, but truly dark pixels.
    im = Image.new("RGB", (1200, 1200), WHITE)
    d = ImageDraw.Draw(im)
    d.arc([250, 150, 950, 1050], 200, 340, fill=(60, 60, 70), width=10)
    d.ellipse([560, 960, 640, 1060], outline=(40, 40, 40), width=12)
    report = check_image(jpeg(im), main=True)
    assert report.brightness > pc.WASHED_MEAN and report.contrast < pc.WASHED_STD
    assert report.problems == ()


def test_pale_product_on_white_is_not_washed_out() -> None:
    # A cream/pastel piece (luma ~170, nothing darker) covering ~15 % of the frame: very
    # bright overall and no dark pixels, but the contrast with the white is real.
    im = Image.new("RGB", (1200, 1200), WHITE)
    ImageDraw.Draw(im).ellipse([337, 337, 863, 863], fill=(220, 150, 140))
    report = check_image(jpeg(im), main=True)
    assert report.brightness > pc.WASHED_MEAN and report.contrast >= pc.WASHED_STD
    assert report.problems == ()


# --- blur --------------------------------------------------------------------------------

@pytest.mark.parametrize("encode", [jpeg, png])
def test_blurred_photo_is_blurry(good, encode) -> None:
    report = check_image(encode(good.filter(ImageFilter.GaussianBlur(4))), main=True)
    assert codes(report) == {"blurry"}
    assert report.ok
    assert report.sharpness < pc.BLUR_RATIO


def test_blurred_plain_product_is_blurry() -> None:
    blurred = product(plain=True, frac=0.3).filter(ImageFilter.GaussianBlur(4))
    assert codes(check_image(jpeg(blurred), main=True)) == {"blurry"}


def text_page() -> Image.Image:
    page = Image.new("RGB", (1200, 1200), WHITE)
    d = ImageDraw.Draw(page)
    for y in range(60, 1140, 36):
        d.text((60, y), "Haat chikankari Lucknow 0123456789 " * 3, fill=(0, 0, 0))
    return page


def test_text_like_edges_sharp_vs_blurred() -> None:
    page = text_page()
    sharp = check_image(jpeg(page), main=False)
    soft = check_image(jpeg(page.filter(ImageFilter.GaussianBlur(3))), main=False)
    assert codes(sharp) == set()  # thin dark strokes on white: not washed out either
    assert "blurry" in codes(soft)
    assert sharp.sharpness > 3 * soft.sharpness


def test_blank_or_smooth_images_are_not_called_blurry() -> None:
    wall = Image.new("RGB", (1200, 1200), (200, 190, 180))
    ramp = Image.linear_gradient("L").resize((1200, 1200)).convert("RGB")
    for im in (wall, ramp):
        report = check_image(jpeg(im), main=False)
        assert "blurry" not in codes(report)
        assert report.edges < pc.EDGE_MIN


# --- background --------------------------------------------------------------------------

@pytest.mark.parametrize("bg", [(128, 128, 128), (120, 90, 60)])
def test_coloured_background_only_matters_for_main(bg) -> None:
    data = jpeg(product(bg=bg))
    main = check_image(data, main=True)
    other = check_image(data, main=False)
    assert codes(main) == {"background_not_white"}
    assert other.problems == ()
    assert main.white_border < 0.05
    assert main.white_border == other.white_border


def test_off_white_sheet_is_not_white() -> None:
    # A white sheet photographed in dim light comes out light grey (~215): not "pure white".
    report = check_image(jpeg(product(bg=(215, 215, 210))), main=True)
    assert codes(report) == {"background_not_white"}


def test_product_touching_one_edge_still_counts_as_white_background() -> None:
    im = product()
    ImageDraw.Draw(im).rectangle([0, 500, 40, 700], fill=(90, 40, 20))  # a handle at the edge
    report = check_image(jpeg(im), main=True)
    assert report.problems == ()
    assert 0.85 <= report.white_border < 1


# --- formats and modes -------------------------------------------------------------------

def test_transparent_png_is_put_on_white() -> None:
    report = check_image(png(product(mode="RGBA")), main=True)
    assert report.format == "PNG"
    assert report.problems == ()
    assert report.white_border > 0.99  # transparent black became white, not black


def test_palette_gif_with_transparency() -> None:
    im = product(mode="RGBA")
    buf = io.BytesIO()
    im.save(buf, "GIF", transparency=0)
    report = check_image(buf.getvalue(), main=True)
    assert report.ok and report.format == "GIF"
    assert report.brightness > 150  # transparent index painted white, not black


def test_greyscale_and_cmyk_jpeg(good) -> None:
    rgb = check_image(jpeg(good), main=True)
    grey = check_image(jpeg(good.convert("L")), main=True)
    cmyk = check_image(jpeg(good.convert("CMYK")), main=True)
    assert grey.problems == () and cmyk.problems == ()
    assert abs(grey.brightness - rgb.brightness) < 3
    assert abs(cmyk.brightness - rgb.brightness) < 8


def test_16_bit_png_is_scaled_not_clipped() -> None:
    im = Image.new("I;16", (1200, 1200), 30000)  # mid grey in 16 bits (≈117 in 8 bits)
    report = check_image(png(im), main=False)
    assert report.ok
    assert 100 < report.brightness < 135


def test_large_jpeg_is_handled() -> None:
    big = product((4000, 3000))
    report = check_image(jpeg(big, quality=85), main=False)
    assert (report.width, report.height) == (4000, 3000)
    assert report.problems == ()
    assert check_image(jpeg(big, quality=85), main=True).codes == ("not_square",)


# --- not images --------------------------------------------------------------------------

def _png_header_only(width: int, height: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 16)) + chunk(b"IEND", b""))


@pytest.mark.parametrize("data", [
    b"",
    b"this is not a picture at all" * 20,
    bytes(range(256)) * 8,
    b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
], ids=["empty", "text", "garbage", "pdf"])
def test_garbage_is_not_an_image(data) -> None:
    report = check_image(data, main=True)
    assert report.codes == ("not_image",)
    assert report.problems[0].blocking and not report.ok
    assert (report.width, report.height, report.format) == (0, 0, "")


def test_truncated_jpeg_is_not_an_image(good) -> None:
    data = jpeg(good)
    assert check_image(data[: len(data) // 2], main=True).codes == ("not_image",)


def test_png_with_bad_checksum_is_not_an_image(good) -> None:
    # Pillow decodes this file without complaint; only verify() checks the chunk CRCs.
    data = bytearray(png(good))
    at = data.index(b"IDAT")
    (length,) = struct.unpack(">I", data[at - 4:at])
    data[at + 4 + length] ^= 0xFF  # first byte of the IDAT chunk's CRC
    assert check_image(bytes(data), main=True).codes == ("not_image",)


def test_png_with_corrupt_pixel_data_is_not_an_image(good) -> None:
    data = bytearray(png(good))
    data[data.index(b"IDAT") + 40] ^= 0xFF
    assert check_image(bytes(data), main=True).codes == ("not_image",)


def test_formats_outside_the_allow_list_are_refused(good) -> None:
    buf = io.BytesIO()
    good.save(buf, "PPM")  # Pillow reads PPM, marketplaces do not take it
    assert check_image(buf.getvalue(), main=False).codes == ("not_image",)


def test_over_40_megapixels_is_refused_before_decoding() -> None:
    report = check_image(_png_header_only(8000, 6000), main=True)  # 48 MP, a phone's "50 MP"
    assert report.codes == ("not_image",)
    assert report.problems[0].params == {"megapixels": 48, "maximum": 40}
    assert check_image(_png_header_only(7000, 5000), main=True).codes == ("not_image",)


def test_decompression_bomb_is_refused() -> None:
    report = check_image(_png_header_only(20000, 20000), main=True)  # Pillow's own bomb error
    assert report.codes == ("not_image",)
    assert report.problems[0].params["maximum"] == 40


# --- advice ------------------------------------------------------------------------------

SAMPLE_PARAMS = {
    "not_image": [{}, {"megapixels": 48, "maximum": 40}, {"maximum": 40}],
    "too_small": [{"width": 480, "height": 360, "minimum": 500, "recommended": 1000}],
    "low_resolution": [{"width": 800, "height": 612, "recommended": 1000}],
    "too_tall_or_wide": [{"width": 4000, "height": 1333}],
    "not_square": [{"width": 12345, "height": 9876}],
    "too_dark": [{}],
    "washed_out": [{}],
    "pale_on_white": [{}],
    "blurry": [{}],
    "background_not_white": [{}],
}


def _extracted_msgids() -> set[str]:
    path = Path(pc.__file__)
    return {msg for _line, msg, _comments, _ctx in extract_from_file(
        "python", str(path), keywords={"_": None, "N_": None})}


def _fill(msgid: str, params: dict) -> str | None:
    try:
        return msgid.format(**params)
    except KeyError:
        return None


def test_every_code_has_sample_params() -> None:
    assert set(SAMPLE_PARAMS) == set(pc.CODES)


@pytest.mark.parametrize("locale", ["en", "hi"])
@pytest.mark.parametrize("code", pc.CODES)
def test_advice_for_every_code(code, locale) -> None:
    msgids = _extracted_msgids()
    for params in SAMPLE_PARAMS[code]:
        problem = Problem(code, code in pc.BLOCKING, params)
        with use_locale(locale):
            text = advice(problem)
            numbers = [format_number(v) for v in params.values()]
        assert text.strip(), (code, params)
        assert len(text) < 180, text
        assert "{" not in text, text  # every placeholder was filled
        for number in numbers:
            assert number in text, (code, number, text)
        if locale == "en":
            # The sentence comes from a literal msgid that Babel extracts, filled by .format.
            with use_locale("en"):
                formatted = {k: format_number(v) for k, v in params.items()}
            assert any(_fill(m, formatted) == text for m in msgids), text
            assert text.count(". ") <= 1  # one sentence (two only where a second says how)


def test_advice_numbers_use_indian_grouping() -> None:
    with use_locale("en"):
        text = advice(Problem("not_square", False, {"width": 123456, "height": 1000}))
    assert "1,23,456" in text and "1,000" in text


def test_advice_from_a_real_report(good) -> None:
    report = check_image(jpeg(good.resize((400, 300))), main=True)
    with use_locale("en"):
        texts = [advice(p) for p in report.problems]
    assert any("400×300" in t and "500" in t for t in texts)


def test_problems_are_hashable_and_compare_by_value() -> None:
    a = Problem("too_small", True, {"width": 1, "height": 2, "minimum": 500})
    b = Problem("too_small", True, {"width": 1, "height": 2, "minimum": 500})
    assert a == b and len({a, b}) == 1
    assert a != Problem("too_small", True, {"width": 3, "height": 2, "minimum": 500})


def test_unknown_code_is_an_error() -> None:
    with pytest.raises(ValueError):
        advice(Problem("sideways", False, {}))


def test_file_tip_is_marked_for_translation() -> None:
    assert FILE_TIP in _extracted_msgids()
    assert "File" in FILE_TIP and "📎" in FILE_TIP
    assert FILE_TIP.count(". ") + FILE_TIP.endswith(".") == 2  # two sentences
