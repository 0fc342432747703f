"""Issue 20 item 12: a fresh checkout speaks Hindi after `make install` alone, and a bot
installed without make (no .mo files at all) compiles its catalogs at start-up."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from bot import i18n
from bot.i18n import ROOT, _, reload_catalogs, use_locale
from tests.botkit import Bot


def _fresh_locales(tmp_path: Path) -> Path:
    """The catalogs as a fresh clone has them: .po files, no .mo."""
    target = tmp_path / "locales"
    shutil.copytree(ROOT / "locales", target, ignore=shutil.ignore_patterns("*.mo"))
    assert not list(target.rglob("*.mo"))
    return target


def test_make_install_compiles_the_catalogs(tmp_path: Path) -> None:
    shutil.copy(ROOT / "Makefile", tmp_path)
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    _fresh_locales(tmp_path)
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / ".installed").touch()  # the venv part is not under test here
    plan = subprocess.run(["make", "-n", "install"], cwd=tmp_path, check=True,
                          capture_output=True, text=True).stdout
    assert "pybabel compile" in plan and "-l hi" in plan, plan


@pytest.mark.db
async def test_a_checkout_without_mo_files_answers_in_hindi(settings, tmp_path: Path,
                                                            monkeypatch) -> None:
    monkeypatch.setattr(i18n, "LOCALE_DIR", _fresh_locales(tmp_path))
    reload_catalogs()
    try:
        with use_locale("hi"):
            assert _("Saved.") != "Saved."
        async with Bot(settings) as bot:
            chat = bot.chat(user_id=5551200, language_code="hi")
            await chat.send("/start")
            screen = await chat.press("हिन्दी")
            assert any("\u0900" <= ch <= "\u097f" for ch in screen.text), screen.text
            assert "Welcome" not in screen.text
    finally:
        monkeypatch.undo()
        reload_catalogs()
