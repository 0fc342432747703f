"""Posters: an A4 PDF in Hindi and English whose QR code opens the bot with the district
chosen; checked by rendering the PDF and reading the code back."""

from __future__ import annotations

import pypdfium2 as pdfium
import zxingcpp

from tests.admin.seed import AGRA_FACILITATOR, FIROZABAD_FACILITATOR, seed
from tests.botkit import Bot

A4_POINTS = (595.28, 841.89)


def _read(pdf: bytes) -> tuple[tuple[float, float], str, list[str]]:
    document = pdfium.PdfDocument(pdf)
    page = document[0]
    size = page.get_size()
    text = page.get_textpage().get_text_range()
    codes = [r.text for r in zxingcpp.read_barcodes(page.render(scale=2).to_pil())]
    return size, text, codes


async def test_poster_qr_opens_the_bot_with_the_district_chosen(settings) -> None:
    seed(settings.database_url)
    async with Bot(settings) as bot:
        chat = bot.chat(user_id=FIROZABAD_FACILITATOR)
        await chat.send("/staff")
        screen = await chat.press("🖨")
        (name, pdf), = screen.documents
        assert name == "haat-poster-firozabad.pdf"
        assert "https://t.me/haat_bot?start=d_firozabad" in screen.text
        size, text, codes = _read(pdf)
        assert all(abs(a - b) < 0.5 for a, b in zip(size, A4_POINTS, strict=True))
        assert codes == ["https://t.me/haat_bot?start=d_firozabad"]
        assert "Firozabad" in text and "/start d_firozabad" in text
        assert "Sell your craft online" in text
        # the code's link, followed by a new seller
        seller = bot.chat(user_id=5557001)
        await seller.send("/start " + codes[0].split("start=")[1])
        assert all(data.endswith("|firozabad") for _l, data in seller.buttons())


async def test_poster_in_hindi_has_the_hindi_text(settings) -> None:
    seed(settings.database_url)
    async with Bot(settings) as bot:
        chat = bot.chat(user_id=FIROZABAD_FACILITATOR, language_code="hi")
        screen = await chat.send("/poster")
        (_name, pdf), = screen.documents
        _size, text, codes = _read(pdf)
        assert "रोजाबाद" in text and codes  # extraction splits the reordered i-matra
        assert "पोस्टर" in screen.text
        assert "ऑनलाइन" in text  # the Hindi headline, from the catalog


async def test_agra_cannot_make_a_firozabad_poster(settings) -> None:
    seed(settings.database_url)
    async with Bot(settings) as bot:
        chat = bot.chat(user_id=AGRA_FACILITATOR)
        screen = await chat.press_data("sa|poster|firozabad")
        assert "not one of yours" in screen.notice and not screen.documents
        screen = await chat.send("/poster firozabad")
        assert "not one of yours" in screen.text and not screen.documents
        (name, _pdf), = (await chat.send("/poster")).documents
        assert name == "haat-poster-agra.pdf"
