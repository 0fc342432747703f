"""Workshop posters: an A4 PDF in Hindi and English whose QR code opens the workshop
(``start=w_<id>``), from the staff's workshop card, the staff poster screen and the
command line; only for staff of the workshop's districts, checked on every press."""

from __future__ import annotations

import dataclasses

from sqlalchemy import create_engine, delete

from bot.cli.main import main as cli
from bot.db.engine import sync_url
from bot.db.models import Staff
from tests.admin.seed import AGRA_FACILITATOR, FIROZABAD_FACILITATOR, add_workshop, seed
from tests.admin.test_posters import A4_POINTS, _read
from tests.botkit import Bot
from tests.scenarios import onboard

OPERATOR = 4440001


def _check(pdf: bytes, workshop: int) -> str:
    size, text, codes = _read(pdf)
    assert all(abs(a - b) < 0.5 for a, b in zip(size, A4_POINTS, strict=True))
    assert codes == [f"https://t.me/haat_bot?start=w_{workshop}"]
    assert f"/start w_{workshop}" in text and "@haat_bot" in text
    assert "Packing glass safely" in text and "IST" in text and "Collectorate" in text
    assert "Firozabad" in text
    # Devanagari in the text layer (extraction splits some conjuncts and the i-matra)
    assert "कांच की" in text and "मुफ़्त" in text and "कब:" in text and "कहाँ:" in text
    return text


async def test_operator_prints_a_poster_from_the_workshop_card(settings) -> None:
    workshop = add_workshop(settings.database_url)
    async with Bot(dataclasses.replace(settings, admin_ids=frozenset({OPERATOR}))) as bot:
        chat = await onboard(bot, user_id=OPERATOR)
        await chat.send("/workshops")
        await chat.press("Packing glass")
        screen = await chat.press("🖨 Poster")
        (name, pdf), = screen.documents
        assert name == f"haat-workshop-{workshop}.pdf"
        assert f"https://t.me/haat_bot?start=w_{workshop}" in screen.text
        _check(pdf, workshop)
        # The code's link, followed by a newcomer: the workshop travels with onboarding.
        _size, _text, codes = _read(pdf)
        newcomer = bot.chat(user_id=5554001)
        await newcomer.send("/start " + codes[0].split("start=")[1])
        assert all(data.startswith("lw|") and data.endswith(f"|{workshop}")
                   for _l, data in newcomer.buttons())


async def test_facilitator_gets_workshop_posters_from_the_poster_screen_in_hindi(settings
                                                                                ) -> None:
    seed(settings.database_url)
    workshop = add_workshop(settings.database_url)
    add_workshop(settings.database_url, districts=("agra",), title="Agra only")
    async with Bot(settings) as bot:
        chat = bot.chat(user_id=FIROZABAD_FACILITATOR, language_code="hi")
        screen = await chat.send("/poster")
        assert [name for name, _pdf in screen.documents] == ["haat-poster-firozabad.pdf"]
        assert "वर्कशॉप" in screen.text
        labels = [label for label, _data in chat.buttons()]
        assert any("कांच की सुरक्षित पैकिंग" in label for label in labels)
        assert not any("Agra only" in label for label in labels)
        screen = await chat.press("कांच")
        (name, pdf), = screen.documents
        assert name == f"haat-workshop-{workshop}.pdf" and "पोस्टर" in screen.text
        _check(pdf, workshop)


async def test_agra_cannot_print_a_firozabad_workshop_poster(settings) -> None:
    seed(settings.database_url)
    firozabad = add_workshop(settings.database_url)
    both = add_workshop(settings.database_url, districts=("agra", "firozabad"))
    everyone = add_workshop(settings.database_url, districts=("*",))
    cancelled = add_workshop(settings.database_url, districts=("agra",), status="cancelled")
    draft = add_workshop(settings.database_url, districts=("agra",), status="draft")
    past = add_workshop(settings.database_url, districts=("agra",), days=-2)
    async with Bot(settings) as bot:
        agra = bot.chat(user_id=AGRA_FACILITATOR)
        screen = await agra.press_data(f"w|{firozabad}|poster|")  # edited button data
        assert "not one of yours" in screen.notice and not screen.documents
        for workshop, words in ((cancelled, "cancelled or over"), (past, "cancelled or over"),
                                (draft, "no longer exists"), (99999, "no longer exists")):
            screen = await agra.press_data(f"w|{workshop}|poster|")
            assert words in screen.notice and not screen.documents
        for workshop in (both, everyone):  # Agra is among its districts
            screen = await agra.press_data(f"w|{workshop}|poster|")
            assert [n for n, _p in screen.documents] == [f"haat-workshop-{workshop}.pdf"]
        # A seller who is not staff, and a facilitator removed since: nothing.
        seller = await onboard(bot, user_id=5554002)
        screen = await seller.press_data(f"w|{firozabad}|poster|")
        assert "programme staff only" in screen.notice and not screen.documents
        firozabad_staff = bot.chat(user_id=FIROZABAD_FACILITATOR)
        assert (await firozabad_staff.press_data(f"w|{firozabad}|poster|")).documents
        _remove_staff(settings.database_url, FIROZABAD_FACILITATOR)
        screen = await firozabad_staff.press_data(f"w|{firozabad}|poster|")
        assert "removed you" in screen.notice and not screen.documents


def _remove_staff(database_url: str, telegram_id: int) -> None:
    engine = create_engine(sync_url(database_url))
    with engine.begin() as conn:
        conn.execute(delete(Staff).where(Staff.telegram_id == telegram_id))
    engine.dispose()


def test_cli_workshop_and_district_posters(settings, monkeypatch, tmp_path, capsys) -> None:
    workshop = add_workshop(settings.database_url)
    draft = add_workshop(settings.database_url, status="draft")
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    assert cli(["poster", "--workshop", str(workshop), "--bot", "@haat_bot",
                "--out", str(tmp_path)]) == 0
    _check((tmp_path / f"haat-workshop-{workshop}.pdf").read_bytes(), workshop)
    assert cli(["poster", "--district", "Firozabad", "--bot", "haat_bot",
                "--out", str(tmp_path)]) == 0
    _size, _text, codes = _read((tmp_path / "haat-poster-firozabad.pdf").read_bytes())
    assert codes == ["https://t.me/haat_bot?start=d_firozabad"]
    assert cli(["poster", "--workshop", str(draft), "--bot", "haat_bot"]) == 2
    assert cli(["poster", "--workshop", "424242", "--bot", "haat_bot"]) == 2
    assert cli(["poster", "--district", "atlantis", "--bot", "haat_bot"]) == 2
    assert cli(["poster", "--workshop", str(workshop)]) == 2  # no token, no --bot
    assert "--bot" in capsys.readouterr().err
