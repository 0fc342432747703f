"""Issue 20 item 5: staff write a workshop in their language first; a seller who reads the
other language gets it where it was written, and the first otherwise."""

from __future__ import annotations

from types import SimpleNamespace

from bot.admin.notices import in_language
from bot.i18n import use_locale
from bot.workshops.words import description, title


def test_a_hindi_only_workshop_reaches_english_readers_in_hindi() -> None:
    workshop = {"title_en": "", "title_hi": "फ़ोटो से बिक्री", "description_en": "",
                "description_hi": "मोबाइल से अच्छी फ़ोटो"}
    for language in ("hi", "en"):
        with use_locale(language):
            assert title(workshop) == "फ़ोटो से बिक्री"
            assert description(workshop) == "मोबाइल से अच्छी फ़ोटो"
    both = {**workshop, "title_en": "Selling with photos"}
    with use_locale("en"):
        assert title(both) == "Selling with photos"
    with use_locale("hi"):
        assert title(both) == "फ़ोटो से बिक्री"


def test_a_broadcast_written_only_in_hindi() -> None:
    row = SimpleNamespace(text_hi="सोमवार को GST कैंप", text_en="")
    assert in_language(row, "en") == in_language(row, "hi") == "सोमवार को GST कैंप"
    row = SimpleNamespace(text_hi="सोमवार को GST कैंप", text_en="GST camp on Monday")
    assert in_language(row, "en") == "GST camp on Monday"
