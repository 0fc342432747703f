"""Issue 20, items 2 and 6: a workshop's staff card shows who answered by name, the
ratings and the comments (with the seller's name); the attendance export has the comment;
/needhelp shows the name typed in an unfinished profile. In Hindi."""

from __future__ import annotations

import io
from datetime import timedelta

import openpyxl
from sqlalchemy import create_engine, update

from bot.db.engine import sync_url
from bot.db.models import Rsvp, Seller, utcnow
from tests.admin.seed import AGRA_FACILITATOR, FIROZABAD_FACILITATOR, add_rsvp, add_workshop, seed
from tests.botkit import Bot


def _comment(database_url: str, workshop: int, seller: int, text: str) -> None:
    engine = create_engine(sync_url(database_url))
    with engine.begin() as conn:
        conn.execute(update(Rsvp).where(Rsvp.workshop_id == workshop, Rsvp.seller_id == seller)
                     .values(feedback_comment=text))
    engine.dispose()


async def test_staff_card_names_ratings_and_comments_in_hindi(settings) -> None:
    ids = seed(settings.database_url)
    workshop = add_workshop(settings.database_url, days=-1)
    add_rsvp(settings.database_url, workshop, ids["Meena Firozabad"], "going", attended=True,
             score=5)
    add_rsvp(settings.database_url, workshop, ids["Rani Firozabad"], "going", attended=True,
             score=3)
    add_rsvp(settings.database_url, workshop, ids["Gita Firozabad"], "maybe")
    _comment(settings.database_url, workshop, ids["Meena Firozabad"], "पैकिंग वाला हिस्सा बढ़िया था")
    async with Bot(settings) as bot:
        chat = bot.chat(user_id=FIROZABAD_FACILITATOR, language_code="hi")
        screen = await chat.press_data(f"w|{workshop}|who|")
        text = screen.text
        assert "4.0" in text and "2" in text  # average of 5 and 3, from 2 people
        assert "Meena Firozabad" in text and "Rani Firozabad" in text
        assert "Meena Firozabad (5/5): पैकिंग वाला हिस्सा बढ़िया था" in text
        assert any("Gita Firozabad" in label for label, _d in chat.buttons())  # to mark
        assert not any(label.startswith("✔ 6") for label, _d in chat.buttons())
        # The attendance export carries the comment.
        await chat.send("/export workshops xlsx firozabad")
        (name, data), = (await chat.files()).documents
        # The file is in the facilitator's language (Hindi): sheet and headers too.
        sheet = openpyxl.load_workbook(io.BytesIO(data))["वर्कशॉप हाज़िरी"]
        header = [c.value for c in sheet[1]]
        column = header.index("फ़ीडबैक टिप्पणी")
        assert "पैकिंग वाला हिस्सा बढ़िया था" in [row[column].value for row in
                                                   sheet.iter_rows(min_row=2)]


async def test_needhelp_shows_the_name_typed_in_an_unfinished_profile(settings) -> None:
    seed(settings.database_url)
    async with Bot(settings) as bot:
        seller = bot.chat(user_id=5557001, language_code="hi")
        await seller.send("/start d_agra")
        await seller.press("हिन्दी")
        await seller.press("✅")
        await seller.send("कमला देवी")  # her name, then she stops at the district
        await seller.press("✅ आगरा")
        engine = create_engine(sync_url(settings.database_url))
        with engine.begin() as conn:  # she stopped 8 days ago
            conn.execute(update(Seller).where(Seller.telegram_id == 5557001)
                         .values(updated_at=utcnow() - timedelta(days=8)))
        engine.dispose()
        staff = bot.chat(user_id=AGRA_FACILITATOR, language_code="hi")
        screen = await staff.send("/needhelp")
        assert "कमला देवी" in screen.text
        assert any("कमला देवी" in label for label, _d in staff.buttons())
