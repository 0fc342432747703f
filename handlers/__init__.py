"""Telegram adapters, one module per feature; ``FEATURES`` is the one ordered list. Order
matters: the catch-all message and button handlers in ``messages`` come last."""

from telegram.ext import Application

from handlers import (
    admin,
    checklists,
    errors,
    listing,
    menu,
    messages,
    photos,
    privacy,
    profile,
    start,
    steps,
    voice,
    workshops,
)

# workshops first: its /start checkin_<code> deep link must come before the plain /start.
FEATURES = (workshops, start, menu, profile, steps, listing, photos, checklists, privacy, admin,
            voice, errors, messages)


def register_all(app: Application) -> None:
    for feature in FEATURES:
        feature.register(app)
