"""Issue 19: the path a phone reader must be able to finish (``scenarios.phone_path``:
/start, the profile, one product with three photos, drafts for two marketplaces, the price
calculator), counted as the seller's phone shows it (``botkit.reading``). Deterministic:
characters and messages, not time.

Before issue 19 the path was, in Hindi, 70 messages and 13,116 characters (English: 70 and
12,902), with button labels up to 92 characters. After: 37 messages and 7,649 characters
in Hindi, 37 and 7,446 in English, labels up to 20 (every keyboard:
tests/test_button_labels.py)."""

from __future__ import annotations

from tests.botkit import Bot, reading
from tests.scenarios import phone_path

BUDGET_MESSAGES = 40
BUDGET_CHARACTERS = 8000
# Issue 24: what a seller hands a buyer got right without the Hindi path growing; it
# reads 7,649 characters (as after issue 19), and may not grow past that.
HINDI_BEFORE_ISSUE_24 = 7649
LABEL_LIMIT = 20  # characters, Devanagari counted as characters: what fits a phone's row


async def walk(settings, language: str):
    async with Bot(settings) as bot:
        chat = await phone_path(bot, language, user_id=5557001 + (language == "en"))
        return reading(bot.transport.calls, chat.user_id)


async def test_the_path_fits_a_phone_in_hindi(settings) -> None:
    hindi = await walk(settings, "hi")
    assert hindi.messages <= BUDGET_MESSAGES, hindi
    assert hindi.characters <= BUDGET_CHARACTERS, hindi
    assert hindi.characters <= HINDI_BEFORE_ISSUE_24, hindi


async def test_english_is_no_longer(sqlite_settings) -> None:
    english = await walk(sqlite_settings, "en")
    assert english.messages <= BUDGET_MESSAGES, english
    assert english.characters <= BUDGET_CHARACTERS, english


async def test_every_label_on_the_path_fits(sqlite_settings) -> None:
    for language in ("hi", "en"):
        seen = await walk(sqlite_settings, language)
        long = sorted({label for label in seen.labels if len(label) > LABEL_LIMIT})
        assert not long, long
