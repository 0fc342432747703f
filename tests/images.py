"""Real image bytes for photo tests: a product on white, and the usual faults."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw, ImageEnhance, ImageFilter


def product(size: int = 1200, background=(255, 255, 255)) -> Image.Image:
    image = Image.new("RGB", (size, size), background)
    draw = ImageDraw.Draw(image)
    rnd = random.Random(7)
    box = (size // 4, size // 4, 3 * size // 4, 3 * size // 4)
    draw.ellipse(box, fill=(184, 134, 11))
    for _ in range(400):  # engraved pattern: sharp edges to judge focus by
        x = rnd.randint(box[0] + size // 10, box[2] - size // 10)
        y = rnd.randint(box[1] + size // 10, box[3] - size // 10)
        draw.line((x, y, x + rnd.randint(-40, 40), y + rnd.randint(-40, 40)),
                  fill=(90, 50, 0), width=3)
    return image


def jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92)
    return out.getvalue()


def good(size: int = 1200) -> bytes:
    return jpeg(product(size))


def dark() -> bytes:
    return jpeg(ImageEnhance.Brightness(product()).enhance(0.15))


def blurred() -> bytes:
    return jpeg(product().filter(ImageFilter.GaussianBlur(6)))


def on_brown() -> bytes:
    return jpeg(product(background=(120, 90, 60)))
