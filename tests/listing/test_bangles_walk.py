"""Issue 24 "done means": the Firozabad bangle maker's walk in Hindi, end to end."""

from __future__ import annotations

import pytest

from tests import images
from tests.botkit import Bot
from tests.listing.test_walks import _rows, title_limit
from tests.scenarios import button_data, fill_profile

ANSWERS = {"name": "कांच की चूड़ियाँ", "materials": "कांच", "colours": "लाल, हरा",
           "weight_g": "200 ग्राम", "price": "250", "mrp": "299", "stock": "20",
           "pack": "12", "pieces": "1 दर्जन", "size_dims": "7 x 7 x 10",
           "size_stock": "2.4 10, 2.6 10"}


def _field(chat) -> str | None:
    for _label, data in reversed(chat.buttons()):
        parts = data.split("|")
        if parts[0] == "f" and parts[1] == "listing" and parts[2] != "-":
            return parts[2]
    return None


@pytest.mark.db
async def test_bangles_in_hindi(settings) -> None:
    async with Bot(settings) as bot:
        chat = bot.chat(user_id=5559001, language_code="hi")
        await chat.send("/start")
        await chat.press("हिन्दी")
        await chat.press("✅")
        await fill_profile(chat, "शबनम", "Firozabad")
        await chat.send("/newproduct")
        await chat.press_data(button_data(chat, "|c|glass_bangles"))
        seen = []
        for _turn in range(40):
            field = _field(chat)
            if field is None:
                break
            seen.append(field)
            if field in ANSWERS:
                await chat.send(ANSWERS[field])
            elif "size" in field:
                for size in ("2.4", "2.6"):
                    data = [d for _l, d in chat.buttons() if d.endswith(f"|{size}")]
                    if data:
                        await chat.press_data(data[0])
                if any(d.endswith(f"|{field}|d|") for _l, d in chat.buttons()):
                    await chat.press_data(button_data(chat, f"|{field}|d|"))
                else:
                    await chat.send("2.4, 2.6")
            elif field == "colour_choice":  # red and green on one set: not a choice
                await chat.press_data(button_data(chat, "|colour_choice|c|one"))
            elif field == "photos":
                await chat.send_picture(images.good())
                await chat.press("✔")
            elif field in ANSWERS:
                await chat.send(ANSWERS[field])
            elif any(d.endswith(f"|{field}|c|yes") for _l, d in chat.buttons()):
                await chat.press_data(button_data(chat, f"|{field}|c|yes"))
            elif any(d.endswith(f"|{field}|s|") for _l, d in chat.buttons()):
                await chat.press_data(button_data(chat, f"|{field}|s|"))
            elif any(d.endswith(f"|{field}|d|") for _l, d in chat.buttons()):
                await chat.press_data(button_data(chat, f"|{field}|d|"))
            else:
                pytest.fail(f"{field}: {chat.buttons()}")
            if seen[-3:] == [field] * 3:
                pytest.fail(f"stuck at {field}: {chat.buttons()}")
        print(seen)
        screen = await chat.press_data(button_data(chat, "|ok|"))
        print(screen.text)
        await chat.press("📝")
        await chat.send("12 सुहाग नगर, फ़िरोज़ाबाद 283203")
        for label, _data in list(chat.buttons()):
            if label.startswith("✅"):
                await chat.press(label)
        await chat.press_data(button_data(chat, "|all"))
        # The files come on "📊 Spreadsheet" under the drafts' file.
        screen = await chat.press("📊")
        files = dict(screen.documents)
        for sheet in ("Flipkart", "Amazon.in", "Meesho", "ONDC"):
            rows = _rows(files["haat-listings.xlsx"], sheet)
            assert [str(r["Size"]) for r in rows] == ["2.4", "2.6"], sheet
            for row in rows:
                title = row.get("Title") or row["productName"]
                # Within the marketplace's documented limit (marketplaces.toml title_max).
                assert 0 < len(title) <= title_limit(sheet), (sheet, len(title), title)
                assert title.endswith(f" - {row['Size']}"), title
                words = [w.lower() for w in title.split()]
                assert len(words) == len(set(words)), title  # no word twice
                assert "Sizes" not in title and "cm" not in words, title
                assert row["Blocking problems"], sheet  # no GSTIN yet: not ready
        # The card agrees: no marketplace is "ready" while its draft has a blocker.
        await chat.send("/products")
        screen = await chat.press("📦 कांच")
        assert "तैयार" not in "".join(line for line in screen.text.split("\n")
                                      if line.startswith("✅ "))
        # The maker's story card, from what she said only, in English and Hindi.
        await chat.press_data(button_data(chat, "|pack"))
        await chat.press("🖨")
        screen = await chat.press("📖")
        assert "Handmade in Firozabad" in screen.text
        assert "These Glass Bangles" in screen.text, screen.text
        assert "फ़िरोज़ाबाद" in screen.text or "फिरोजाबाद" in screen.text
        assert "generations" not in screen.text and "kaanch" not in screen.text.lower()
