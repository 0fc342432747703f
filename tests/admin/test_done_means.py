"""Issue 12's "done means", walked as one facilitator's morning, in Hindi: an operator
appoints a Firozabad facilitator with a link; she sees the district's funnel as a chart,
finds the three sellers stuck on GSTIN, answers one of them in Hindi, sends a broadcast
after a preview, exports the district's products as upload files, and prints a QR poster
whose code opens the bot with Firozabad chosen."""

from __future__ import annotations

import dataclasses
import io

import openpyxl
from PIL import Image

from bot.app import build_sender
from tests.admin.seed import seed
from tests.admin.test_posters import _read
from tests.admin.test_roles import OPERATOR, invite
from tests.botkit import Bot

FACILITATOR = 4449001
ANSWER = "मीना जी, सोमवार को 11 बजे DIC ऑफ़िस आइए, GSTIN वहीं बन जाएगा।"


async def test_a_firozabad_facilitators_morning_in_hindi(settings) -> None:
    ids = seed(settings.database_url)
    settings = dataclasses.replace(settings, admin_ids=frozenset({OPERATOR}))
    async with Bot(settings) as bot:
        sender = build_sender(settings, bot.app.bot_data["runtime"].database,
                              request=bot.transport)
        await sender.bot.initialize()
        # 1. appointed with a one-time link
        payload = await invite(bot, "firozabad")
        she = bot.chat(user_id=FACILITATOR, language_code="hi")
        screen = await she.send(f"/start {payload}")
        assert "फिरोजाबाद" in screen.text
        # Forms (the reply, the broadcast) are kept on a chat's own row: she agrees once.
        await she.send("/start")
        await she.press("हिन्दी")
        await she.press("✅ मैं सहमत हूँ")

        # 2. the funnel, as text and as a chart
        await she.send("/staff")
        screen = await she.press("📊")
        assert "प्रगति: फिरोजाबाद" in screen.text and "जुड़े: 4 (100%)" in screen.text
        assert "वर्कशॉप में आए: 1 (25%)" in screen.text
        (name, png), = screen.photos
        assert name == "progress-firozabad.png" and Image.open(io.BytesIO(png)).width == 1200

        # 3. the three stuck on GSTIN; 4. answer Meena in Hindi
        screen = await she.send("/needhelp")
        assert screen.text.count("GSTIN") >= 3 and ": 3" in screen.text
        await she.press("Meena Firozabad")
        screen = await she.send(ANSWER)
        assert "✉ भेज दिया।" in screen.text
        meena = bot.chat(user_id=6000003, language_code="hi")  # the seed's Meena
        assert ids["Meena Firozabad"]
        mark = len(bot.transport.calls)
        assert await sender.drain() == 1
        assert ANSWER in meena.inbox(mark).text

        # 5. a broadcast after a preview
        await she.send("/broadcast")
        await she.send("सोमवार सुबह 11 बजे DIC ऑफ़िस में GST कैंप है।")  # Hindi first
        await she.send("GST camp at the DIC office on Monday, 11 am.")
        await she.press("छोड़ें ▶")
        await she.press("सभी सेलर्स")
        await she.press("🚨 ज़रूरी")
        screen = await she.press("✅ सेव करें")
        assert "अंग्रेज़ी पढ़ने वालों के लिए नमूना:" in screen.text
        assert "यह मैसेज 4 सेलर को जाएगा।" in screen.text
        screen = await she.press("✅ 4 सेलर को भेजें")
        mark = len(bot.transport.calls)
        await sender.drain()
        rani = bot.chat(user_id=6000004, language_code="hi")
        assert "GST कैंप" in rani.inbox(mark).text

        # 6. the district's products as the marketplaces' upload files
        await she.send("/export")
        await she.press("📦 प्रोडक्ट · Excel")
        screen = await she.files()  # built in a worker process, sent when ready
        (name, data), = screen.documents
        assert name == "haat-products-firozabad.xlsx"
        book = openpyxl.load_workbook(io.BytesIO(data))
        assert len(book.sheetnames) >= 5

        # 7. a poster whose QR opens the bot with Firozabad chosen
        screen = await she.send("/poster")
        (_name, pdf), = screen.documents
        _size, _text, codes = _read(pdf)
        assert codes == ["https://t.me/haat_bot?start=d_firozabad"]
        newcomer = bot.chat(user_id=5559001)
        await newcomer.send("/start " + codes[0].split("start=")[1])
        assert all(data.endswith("|firozabad") for _l, data in newcomer.buttons())
        await sender.bot.shutdown()
