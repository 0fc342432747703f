"""The outbox: every message Haat sends without being asked (design decision 6).

``queue`` owns the table (enqueue, claim, mark); ``pacing`` is Telegram's limits as
arithmetic; the loop that sends is ``bot.runtime.sender``.
"""
