"""Roles: operators (ADMIN_IDS), facilitators by one-time invitation or the CLI, removal,
the /staff menu and the staff-only command list."""

from __future__ import annotations

import dataclasses
import json

from bot.cli.main import main as cli
from tests.botkit import Bot
from tests.scenarios import onboard

OPERATOR = 4440001
FACILITATOR = 4440002
OTHER = 4440003


def _operator_settings(settings):
    return dataclasses.replace(settings, admin_ids=frozenset({OPERATOR}))


def _scope_chat(call) -> int | None:
    scope = call.params.get("scope")
    scope = json.loads(scope) if isinstance(scope, str) else scope
    return (scope or {}).get("chat_id")


def _commands(call) -> list:
    commands = call.params["commands"]
    return json.loads(commands) if isinstance(commands, str) else commands


def _link_token(text: str) -> str:
    start = text.index("start=fac_") + len("start=")
    return text[start:].split()[0]


async def invite(bot, district: str = "firozabad", language: str = "en") -> str:
    operator = bot.chat(user_id=OPERATOR, language_code=language)
    await operator.send("/staff")
    await operator.press("➕")
    screen = await operator.press_data(f"sa|invite|{district}")
    assert "t.me/haat_bot?start=fac_" in screen.text
    return _link_token(screen.text)


async def test_invitation_link_works_once_and_shows_the_staff_menu(settings) -> None:
    async with Bot(_operator_settings(settings)) as bot:
        payload = await invite(bot)
        facilitator = bot.chat(user_id=FACILITATOR)
        screen = await facilitator.send(f"/start {payload}")
        assert "facilitator for Firozabad" in screen.text
        # the staff commands appear in this chat only
        scoped = [c for c in bot.transport.calls if c.method == "setMyCommands"
                  and _scope_chat(c) == FACILITATOR]
        assert scoped and any("staff" in str(c.params["commands"]) for c in scoped)
        screen = await facilitator.send("/staff")
        assert "facilitator for: Firozabad" in screen.text
        assert "Invite" not in " ".join(label for label, _d in facilitator.buttons())
        # the same link a second time, by someone else: refused
        other = bot.chat(user_id=OTHER)
        screen = await other.send(f"/start {payload}")
        assert "already used" in screen.text
        assert "only" in (await other.send("/staff")).text
        # a made-up token
        screen = await other.send("/start fac_madeupmadeupmadeup")
        assert "not valid" in screen.text


async def test_invitation_in_hindi(settings) -> None:
    async with Bot(_operator_settings(settings)) as bot:
        payload = await invite(bot, "agra")
        facilitator = bot.chat(user_id=FACILITATOR, language_code="hi")
        screen = await facilitator.send(f"/start {payload}")
        assert "आगरा" in screen.text and "फ़ैसिलिटेटर" in screen.text
        screen = await facilitator.send("/staff")
        assert "स्टाफ़" in screen.text


async def test_an_expired_invitation_is_refused(settings) -> None:
    from sqlalchemy import create_engine, update

    from bot.db.engine import sync_url
    from bot.db.models import StaffInvite, utcnow

    async with Bot(_operator_settings(settings)) as bot:
        payload = await invite(bot)
        engine = create_engine(sync_url(settings.database_url))
        with engine.begin() as conn:
            conn.execute(update(StaffInvite).values(expires_at=utcnow()))
        engine.dispose()
        screen = await bot.chat(user_id=FACILITATOR).send(f"/start {payload}")
        assert "expired" in screen.text


async def test_non_staff_and_sellers_get_no_staff_screens(settings) -> None:
    async with Bot(settings) as bot:
        chat = bot.chat(user_id=OTHER)
        assert "programme staff only" in (await chat.send("/staff")).text
        screen = await chat.press_data("sa|progress|agra")
        assert "programme staff only" in (screen.notice or "")
        assert "programme staff only" in (await chat.send("/invite agra")).text


async def test_a_removed_facilitators_old_buttons_do_nothing(settings) -> None:
    async with Bot(_operator_settings(settings)) as bot:
        payload = await invite(bot)
        facilitator = bot.chat(user_id=FACILITATOR)
        await facilitator.send(f"/start {payload}")
        await facilitator.send("/staff")
        _mid, progress = facilitator.find("📊")
        operator = bot.chat(user_id=OPERATOR)
        await operator.send("/staff")
        screen = await operator.press("👥")
        # Names and districts (the Telegram name given when the invitation was accepted).
        assert f"• Seller ({FACILITATOR}): Firozabad" in screen.text
        screen = await operator.press("✖ Remove Seller")  # asks first: nothing removed yet
        assert "Remove Seller as facilitator for Firozabad?" in screen.text
        assert "programme staff only" not in (await facilitator.send("/staff")).text
        before = len(bot.transport.calls)
        screen = await operator.press("✖ Yes, remove")
        assert screen.notice == "Removed ✓"
        removed = [c for c in bot.transport.calls[before:] if c.method == "deleteMyCommands"
                   and _scope_chat(c) == FACILITATOR]
        assert removed
        screen = await facilitator.press_data(progress)
        assert "removed you" in (screen.notice or "")
        assert not screen.texts


async def test_operator_only_screens_refuse_a_facilitator(settings) -> None:
    async with Bot(_operator_settings(settings)) as bot:
        payload = await invite(bot)
        facilitator = bot.chat(user_id=FACILITATOR)
        await facilitator.send(f"/start {payload}")
        assert "Only an operator" in (await facilitator.press_data("sa|invite|agra")).notice
        assert "Only an operator" in (await facilitator.press_data("sa|list|")).notice
        assert "Only an operator" in (await facilitator.send("/invite agra")).text


def test_staff_cli_add_list_remove(settings, monkeypatch, capsys) -> None:
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    assert cli(["staff", "add", str(FACILITATOR), "--districts", "agra", "फ़िरोज़ाबाद"]) == 0
    assert cli(["staff", "list"]) == 0
    out = capsys.readouterr().out
    assert str(FACILITATOR) in out and "agra" in out and "firozabad" in out
    assert cli(["staff", "add", str(FACILITATOR), "--districts", "nowhere"]) == 2
    assert "nowhere" in capsys.readouterr().err
    assert cli(["staff", "remove", str(FACILITATOR)]) == 0
    assert cli(["staff", "remove", str(FACILITATOR)]) == 1
    capsys.readouterr()
    assert cli(["staff", "list"]) == 0
    assert str(FACILITATOR) not in capsys.readouterr().out


async def test_a_seller_who_becomes_a_facilitator_keeps_the_seller_menu(settings) -> None:
    async with Bot(_operator_settings(settings)) as bot:
        payload = await invite(bot, "varanasi")
        seller = await onboard(bot, user_id=FACILITATOR)
        screen = await seller.send(f"/start {payload}")
        assert "facilitator for Varanasi" in screen.text
        commands = [c for c in bot.transport.calls if c.method == "setMyCommands"
                    and _scope_chat(c) == FACILITATOR]
        names = {command["command"] if isinstance(command, dict) else command.command
                 for command in _commands(commands[-1])}
        assert {"staff", "progress", "menu", "newproduct", "mydata"} <= names
        assert "What would you like to do?" in (await seller.send("/menu")).text
        assert "facilitator for: Varanasi" in (await seller.send("/staff")).text
