"""Digitisation steps: explanations, numbers validated, progress and the next step."""

from __future__ import annotations

import json
import math

import pytest

from bot.i18n import gettext, use_locale
from bot.steps.flow import CARD_MAX, DONE, HOW, STEPS, VIEW, StepAction, next_step
from tests.botkit import Bot
from tests.scenarios import describe_brass_diya, fill_profile, onboard, steps_total


async def _open(chat, title: str):
    await chat.send("/steps")
    return await chat.press(title)


@pytest.mark.db
async def test_gstin_checked_and_stored(settings) -> None:
    async with Bot(settings) as bot:
        chat = await onboard(bot)
        screen = await _open(chat, "GSTIN / enrolment")
        screen = await chat.press("ℹ️ More")  # the how-to, with the portal (issue 19)
        assert "gst.gov.in" in screen.text
        screen = await chat.press("✅ Done")
        screen = await chat.press("I have a GSTIN")
        assert "15 letters and numbers" in screen.text
        screen = await chat.send("09ABCPE1234F1Z8")  # one character off
        assert "mistyped" in screen.text
        screen = await chat.send("27AAPFU0939F1ZV")  # valid, but Maharashtra
        assert "not Uttar Pradesh (09)" in screen.text
        assert "GSTIN / enrolment: done" in screen.text
        screen = await chat.press("✅ GSTIN / enrolment")
        assert "GSTIN: 27AAPFU0939F1ZV" in screen.text
        screen = await chat.send("/mydata")
        stored = json.loads(screen.documents[0][1])
        gst = next(s for s in stored["steps"] if s["step"] == "gst")
        assert gst == {**gst, "status": "done",
                       "data": {"kind": "gstin", "gstin": "27AAPFU0939F1ZV"}}


async def test_up_gstin_has_no_warning(sqlite_settings) -> None:
    async with Bot(sqlite_settings) as bot:
        chat = await onboard(bot)
        await _open(chat, "GSTIN / enrolment")
        await chat.press("✅ Done")
        await chat.press("I have a GSTIN")
        screen = await chat.send("09aaach7409r1zz")
        assert "⚠️" not in screen.text
        assert f"2 of {steps_total()} steps done" in screen.text  # and the email, from the profile


async def test_marketplaces_multi_select(sqlite_settings) -> None:
    async with Bot(sqlite_settings) as bot:
        chat = await onboard(bot)
        await _open(chat, "Where to sell")
        screen = await chat.press("✅ Done")
        labels = [label for label, _ in chat.buttons()]
        assert "Walmart (export)" not in labels  # Walmart is for exporters
        screen = await chat.press("✔ Done")
        assert screen.notice == "Please choose at least one."
        await chat.press("Flipkart")
        await chat.press("Meesho")
        await chat.press("Flipkart")  # untick
        screen = await chat.press("Amazon.in")
        assert "✅ Meesho" in [label for label, _ in chat.buttons()]
        screen = await chat.press("✔ Done")
        assert "Where to sell: done" in screen.text
        screen = await chat.press("✅ Where to sell")
        assert "Marketplaces: Meesho, Amazon.in" in screen.text


async def test_export_steps_only_for_exporters(sqlite_settings) -> None:
    async with Bot(sqlite_settings) as bot:
        local = await onboard(bot)
        screen = await local.send("/steps")
        assert f"1 of {steps_total()} steps done" in screen.text  # the email, given in the profile
        assert not any("IEC" in label for label, _ in local.buttons())
        exporter = await onboard(bot, export="Yes, I want to export", user_id=5550002)
        screen = await exporter.send("/steps")
        assert f"1 of {steps_total(exporter=True)} steps done" in screen.text
        assert any("RCMC" in label for label, _ in exporter.buttons())


async def test_help_not_yet_and_next(sqlite_settings) -> None:
    async with Bot(sqlite_settings) as bot:
        chat = await onboard(bot)
        await _open(chat, "Udyam registration")
        screen = await chat.press("I need help")
        assert "🙋 Udyam registration" in [label for label, _ in chat.buttons()]
        assert "facilitator" in screen.text
        await _open(chat, "Aadhaar & mobile")
        screen = await chat.press("✅ Done")
        assert f"2 of {steps_total()} steps done" in screen.text  # with the email from the profile
        screen = await chat.press("Next:")
        assert "PAN card" in screen.text.splitlines()[0]
        screen = await chat.press("Not yet")
        assert screen.notice == "OK, this step stays open."
        screen = await chat.send("/menu")
        screen = await chat.press("Next step")
        assert screen.text.startswith("PAN card")


async def test_step_card_layout(sqlite_settings) -> None:
    async with Bot(sqlite_settings) as bot:
        chat = await onboard(bot)
        screen = await _open(chat, "PAN card")
        lines = screen.text.splitlines()
        assert lines[0] == "PAN card — ⬜ Not done yet"
        # Issue 19: why and what you need first; the how-to behind "ℹ️ More", on the
        # same message (it used to be one long card with all three).
        assert "What you need:" in lines and "How:" not in lines
        assert lines[lines.index("What you need:") - 2].startswith("Why: ")
        screen = await chat.press("ℹ️ More")
        (call,) = [c for c in screen.calls if c.method.startswith(("send", "edit"))]
        assert call.method == "editMessageText"
        lines = screen.text.splitlines()
        assert lines[0] == "PAN card — ⬜ Not done yet" and "Why:" not in screen.text
        assert lines[lines.index("How:") + 1].startswith("1. ")
        screen = await chat.press("◀ Why")
        assert "What you need:" in screen.text and "How:" not in screen.text


async def test_every_step_card_fits_a_phone(sqlite_settings) -> None:
    """Both halves of every step's card, in both languages, the RCMC council line and the
    exporters' steps included: at most CARD_MAX characters."""
    async with Bot(sqlite_settings) as bot:
        for n, language in enumerate(("हिन्दी", "English")):
            chat = bot.chat(user_id=5550101 + n)
            await chat.send("/start")
            await chat.press(language)
            await chat.press("✅")
            await fill_profile(chat, "Sunita Devi", "Varanasi", export="yes")
            long = {}
            for step in STEPS:
                for action in (VIEW, HOW):
                    screen = await chat.press_data(StepAction(step.key, action).pack())
                    card = screen.texts[-1]
                    assert step.key == "rcmc" or action == VIEW or "1. " in card, card
                    if len(card) > CARD_MAX:
                        long[f"{step.key}/{action}"] = len(card)
            assert not long, (language, long)


def test_every_why_is_one_or_two_sentences() -> None:
    """Issue 19: a step card's "why" in one or two sentences (the how is on "ℹ️ More"), in
    both languages."""
    import re

    from bot.steps.texts import STEP_TEXTS

    long = {}
    for language in ("hi", "en"):
        with use_locale(language):
            for key, texts in STEP_TEXTS.items():
                why = gettext(texts.why)
                sentences = [s for s in re.split(r"(?<=[.!?।])\s+", why.strip()) if s]
                if len(sentences) > 2 or "\n" in why:
                    long[f"{language}/{key}"] = sentences
    assert not long, long


def test_next_step_prefers_ready_steps() -> None:
    class Row:
        def __init__(self, status):
            self.status = status

    steps = [s for s in STEPS if not s.export_only]
    assert next_step(steps, {}).key == "pan"
    done = {k: Row(DONE) for k in ("pan", "aadhaar_mobile", "bank_upi", "email")}
    assert next_step(steps, done).key == "udyam"
    # seller_account needs gst: with gst open, "photos" (no prerequisites) comes before it.
    done.update({k: Row(DONE) for k in ("udyam", "choose_marketplaces")})
    assert next_step(steps, done).key == "gst"
    done["gst"] = Row(DONE)
    assert next_step(steps, done).key == "seller_account"
    assert next_step(steps, {s.key: Row(DONE) for s in steps}) is None


async def test_hindi_steps(sqlite_settings) -> None:
    from bot.i18n import _, use_locale

    async with Bot(sqlite_settings) as bot:
        chat = await onboard(bot, language="हिन्दी")
        screen = await chat.send("/steps")
        with use_locale("hi"):
            done = _("{done} of {total} steps done").format(done=1, total=steps_total())
            assert done in screen.text
            screen = await chat.press(_("PAN card"))
            assert _("What you need:") in screen.text


# ------------------------------------------------------------ audit 2026-11 step texts

def test_step_texts_carry_the_audited_facts() -> None:
    from bot.reference import stated
    from bot.steps.texts import STEP_TEXTS

    assert "Link Aadhaar Status" in STEP_TEXTS["pan"].how
    udyam = stated.fill(STEP_TEXTS["udyam"].why)  # the fees from stated_facts.csv
    assert "₹4,500 instead of ₹9,000" in udyam and "half fee" not in udyam
    returns = stated.fill(STEP_TEXTS["shipping_returns"].how)
    assert "within 7 days" in returns and "label and order ID visible" in returns
    assert "GTIN exemption" in STEP_TEXTS["gs1_barcodes"].how
    # Issue 18 item 5: exempt-only sellers may list on Amazon.in with a PAN [amzsc].
    assert ("Amazon.in also takes your PAN if you sell only GST-free goods"
            in STEP_TEXTS["choose_marketplaces"].need)
    for council in ("CLE", "ISEPC", "AEPC", "SGEPC", "Spices Board", "APEDA"):
        assert council in STEP_TEXTS["rcmc"].how, council


def test_councils_follow_the_craft() -> None:
    from bot.reference.councils import councils_for

    assert councils_for("leather_goods").councils == ("CLE",)
    assert councils_for("footwear").councils == ("CLE",)
    assert councils_for("sports_goods").councils == ("SGEPC",)
    assert councils_for("readymade_garments").councils == ("AEPC",)
    assert councils_for("rice").councils == ("APEDA",)
    assert councils_for("brass_metal_craft").councils == ("EPCH",)
    assert councils_for(None).councils == ("EPCH",)


def test_council_file_is_checked(tmp_path) -> None:
    from bot.reference.councils import COUNCILS_CSV, load_councils
    from bot.reference.rows import ReferenceDataError

    bad = tmp_path / "c.csv"
    bad.write_text(COUNCILS_CSV.read_text(encoding="utf-8").replace("CLE,", "XYZ,", 1),
                   encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="unknown council"):
        load_councils(bad)


async def test_rcmc_step_names_the_council_for_the_craft(sqlite_settings) -> None:
    async with Bot(sqlite_settings) as bot:
        chat = await onboard(bot, export="Yes, I want to export")  # Varanasi silk sarees
        await _open(chat, "RCMC")
        screen = await chat.press("ℹ️ More")  # the council line goes with the how-to
        assert "For your craft: ISEPC (silk) or HEPC (handloom)." in screen.text
        assert "Check with the council" in screen.text


@pytest.mark.parametrize("language, locale", [("English", "en"), ("हिन्दी", "hi")])
async def test_price_calculator_charges_no_gst_or_tcs_on_an_enrolment_id(
        sqlite_settings, language, locale) -> None:
    """Issue 18 item 1: an enrolment-ID seller may not charge GST (CGST s.32) and has no TCS
    (37/2023): the attar on Meesho is ₹302, not ₹356 (hand-computed in
    tests/test_pricing.py::test_item1_enrolment_id_seller_charges_no_gst)."""
    def tr(text: str) -> str:
        with use_locale(locale):
            return gettext(text)

    async with Bot(sqlite_settings) as bot:
        chat = await onboard(bot, language=language)
        await _open(chat, tr("GSTIN / enrolment"))
        await chat.press(tr("✅ Done"))
        await chat.press(tr("I have enrolment ID"))
        await chat.send("091234567890EID")
        await chat.send("/price")
        await chat.press("Meesho")
        for answer in ("150", "20", "25%", "100 g"):
            await chat.send(answer)
        screen = await chat.press(tr("Skip ▶"))  # box size; the GST rate is not asked
        assert tr("Selling price: {price}").format(price="₹302") in screen.text
        assert tr("TCS: none on a GST enrolment ID") in screen.text
        assert tr("Product GST: none. With an enrolment ID you are not registered, so you may "
                  "not charge GST (CGST Act section 32).") in screen.text
        assert "TCS (" not in screen.text


async def test_steps_done_elsewhere_are_shown_done_and_undoable(sqlite_settings) -> None:
    async with Bot(sqlite_settings) as bot:
        chat = await onboard(bot)  # with an email
        screen = await _open(chat, "Email address")
        assert "Email address — ✅ Done" in screen.text
        assert "sunita@example.com" in screen.text
        # Undo sticks: saving the profile again does not mark it done again.
        await chat.press("Not yet")
        await chat.send("/profile")
        await chat.press("✅ Save")
        screen = await chat.send("/steps")
        assert "⬜ Email address" in [label for label, _data in chat.buttons()]
        # A product with photos and sent drafts: "photos" is done; "first listing" only once
        # a draft is ready (issue 24: one truth for ready; Amazon.in still needs a GSTIN).
        await describe_brass_diya(chat)
        await chat.press("✅ Save")
        await chat.press("📝 Drafts")
        await chat.send("12 Gandhi Road, Varanasi 221001")
        await chat.press("Amazon.in")
        await chat.send("/steps")
        labels = [label for label, _data in chat.buttons()]
        assert any(label.startswith("✅") and "hoto" in label for label in labels), labels
        assert not any(label.startswith("✅") and "listing" in label.lower() for label in labels)


def _half_steps_at(database_url: str, telegram_id: int, column: str = "half_steps_at"):
    from sqlalchemy import create_engine, select

    from bot.db.engine import sync_url
    from bot.db.models import Seller

    engine = create_engine(sync_url(database_url))
    with engine.connect() as conn:
        value = conn.scalar(select(getattr(Seller, column))
                            .where(Seller.telegram_id == telegram_id))
    engine.dispose()
    return value


async def test_the_count_of_done_steps_is_kept_on_the_seller(sqlite_settings) -> None:
    """Who needs help reads ``sellers.steps_done``: it must follow every step marked
    done, not yet or "I need help", and a step done elsewhere in the bot."""
    from bot.steps.flow import MARK_DONE, MARK_HELP, MARK_TODO, StepAction

    url = sqlite_settings.database_url
    async with Bot(sqlite_settings) as bot:
        chat = await onboard(bot)  # the profile's email marks the email step done
        assert _half_steps_at(url, 5550001, "steps_done") == 1
        for key in ("aadhaar_mobile", "packaging"):
            await chat.press_data(StepAction(step=key, action=MARK_DONE).pack())
        assert _half_steps_at(url, 5550001, "steps_done") == 3
        await chat.press_data(StepAction(step="aadhaar_mobile", action=MARK_TODO).pack())
        await chat.press_data(StepAction(step="packaging", action=MARK_HELP).pack())
        assert _half_steps_at(url, 5550001, "steps_done") == 1
        await chat.press_data(StepAction(step="packaging", action=MARK_DONE).pack())
        assert _half_steps_at(url, 5550001, "steps_done") == 2


async def test_half_the_steps_is_kept_on_the_seller_for_the_funnel(sqlite_settings) -> None:
    """The staff funnel reads ``sellers.half_steps_at``: it must follow the steps (done,
    undone) and the export answer, which changes what half is."""
    from bot.steps.flow import MARK_DONE, MARK_TODO, StepAction, half_needed

    url = sqlite_settings.database_url
    async with Bot(sqlite_settings) as bot:
        chat = await onboard(bot)  # the email step is done: 1 of steps_total()
        no_fields = [s.key for s in STEPS if not s.fields and not s.export_only
                     and s.key != "email"]
        half = half_needed("no")
        assert half == math.ceil(steps_total() / 2) and len(no_fields) >= half - 1
        for key in no_fields[:half - 2]:
            await chat.press_data(StepAction(step=key, action=MARK_DONE).pack())
        assert _half_steps_at(url, 5550001) is None  # one short of half
        await chat.press_data(StepAction(step=no_fields[half - 2], action=MARK_DONE).pack())
        reached = _half_steps_at(url, 5550001)
        assert reached is not None  # half
        await chat.press_data(StepAction(step="email", action=MARK_TODO).pack())
        assert _half_steps_at(url, 5550001) is None  # 5 again
        screen = await chat.press_data(StepAction(step="email", action=MARK_DONE).pack())
        assert "email" in screen.text.lower()
        await chat.send("sunita@example.com")
        assert _half_steps_at(url, 5550001) is not None
        # An exporter needs half of more steps: the profile's answer moves the mark.
        await chat.send("/profile")
        await chat.press("Export")
        await chat.press("Yes, export too")
        await chat.press("✅ Save")
        assert _half_steps_at(url, 5550001) is None


def test_the_migration_froze_the_same_half_as_the_code() -> None:
    """Migration 0010 filled ``half_steps_at`` with these numbers; if ``STEPS`` changes
    them, write a data migration that recomputes the column."""
    import importlib.util
    from pathlib import Path

    from bot.steps.flow import half_needed

    path = next(Path("bot/db/migrations/versions").glob("0010_*.py"))
    spec = importlib.util.spec_from_file_location("m0010", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert {"yes": half_needed("yes"), "other": half_needed("no")} == module.HALF


def test_migration_fills_half_the_steps_for_sellers_already_there(empty_database_url) -> None:
    from datetime import datetime, timedelta

    from sqlalchemy import create_engine, text

    from bot.db.engine import sync_url, upgrade

    upgrade(empty_database_url, "0009")
    engine = create_engine(sync_url(empty_database_url))
    start = datetime(2026, 11, 1, 10, 0)
    keys = [s.key for s in STEPS]
    with engine.begin() as conn:
        for seller_id, export, done in ((1, "no", 6), (2, "no", 5), (3, "yes", 7),
                                        (4, "yes", 9), (5, None, 12)):
            conn.execute(text(
                "INSERT INTO sellers (id, telegram_id, chat_id, language, consented_at, "
                "created_at, updated_at, wants_export) VALUES (:id, :id, :id, 'hi', :t, :t, "
                ":t, :export)"), {"id": seller_id, "t": start, "export": export})
            for n, key in enumerate(keys[:done]):
                conn.execute(text(
                    "INSERT INTO step_progress (seller_id, step_key, status, updated_at) "
                    "VALUES (:s, :k, 'done', :t)"),
                    {"s": seller_id, "k": key, "t": start + timedelta(hours=n)})
    upgrade(empty_database_url)
    with engine.connect() as conn:
        got = dict(conn.execute(text("SELECT id, half_steps_at FROM sellers")).all())
    engine.dispose()

    def hour(value):
        return None if value is None else (
            datetime.fromisoformat(str(value)).replace(tzinfo=None) - start) // timedelta(hours=1)

    # The 6th done step for the others, the 8th for exporters (0-based hours 5 and 7).
    assert {k: hour(v) for k, v in got.items()} == {1: 5, 2: None, 3: None, 4: 7, 5: 5}


def test_migration_counts_the_done_steps_of_sellers_already_there(empty_database_url) -> None:
    from datetime import datetime

    from sqlalchemy import create_engine, text

    from bot.db.engine import sync_url, upgrade

    upgrade(empty_database_url, "0020")
    engine = create_engine(sync_url(empty_database_url))
    at = datetime(2026, 12, 1, 10, 0)
    keys = [s.key for s in STEPS]
    with engine.begin() as conn:
        for seller_id, statuses in ((1, "ddd"), (2, ""), (3, "dhndd"), (4, "hh")):
            conn.execute(text(
                "INSERT INTO sellers (id, telegram_id, chat_id, language, consented_at, "
                "created_at, updated_at) VALUES (:id, :id, :id, 'hi', :t, :t, :t)"),
                {"id": seller_id, "t": at})
            for key, status in zip(keys, statuses, strict=False):
                conn.execute(text(
                    "INSERT INTO step_progress (seller_id, step_key, status, updated_at) "
                    "VALUES (:s, :k, :status, :t)"),
                    {"s": seller_id, "k": key, "t": at,
                     "status": {"d": "done", "h": "help", "n": "todo"}[status]})
    upgrade(empty_database_url)
    with engine.begin() as conn:
        got = dict(conn.execute(text("SELECT id, steps_done FROM sellers")).all())
        conn.execute(text("INSERT INTO sellers (id, telegram_id, chat_id, language, "
                          "created_at, updated_at) VALUES (5, 5, 5, 'hi', :t, :t)"), {"t": at})
        new = conn.execute(text("SELECT steps_done FROM sellers WHERE id = 5")).scalar()
    engine.dispose()
    assert got == {1: 3, 2: 0, 3: 3, 4: 0} and new == 0
