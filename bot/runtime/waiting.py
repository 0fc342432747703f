"""Tell a seller once that their answer is coming when the database keeps them waiting.

Another process may hold SQLite's write lock for a long time (a backup, the ``sqlite3``
shell). An update then waits for it, as long as it takes (never "Sorry" for a lock: the
answer comes when the lock is free). After ``NOTICE_AFTER`` seconds without its
transaction having begun, the seller hears "your answer is coming", in their language,
once: a chat already told is not told again while it keeps waiting.

The notice is sent from a task of its own, so the waiting update is untouched; the update
awaits it before sending its answer, so the two never arrive out of order.

The timer starts where an update is received (``arrived``: the inbox intake, before it
writes the update, which already waits for the lock), not only where its turn begins: an
update waiting for a free slot (16 at once) or still in the inbox never reaches the turn
while the lock is held, and its seller would hear nothing. The turn takes the timer over
(``take``, by update id); an update that never reaches a turn has its timer dropped.
"""

from __future__ import annotations

import asyncio
import logging
import time

from telegram.error import TelegramError

from bot.i18n import _, use_locale

log = logging.getLogger("haat.waiting")

NOTICE_AFTER = 4.0  # seconds an update may wait for the database before the seller is told
TOLD_FOR = 600.0  # seconds a told chat is not told again (it is still the same wait)
KEY = "waiting"  # Application.bot_data
_REMEMBERED = 10_000  # languages kept for the notice (the row cannot be read then)


class Waiting:
    """What notices need across updates: each seller's language (the row cannot be read
    while the lock is held) and which chats were told lately."""

    def __init__(self) -> None:
        self.languages: dict[int, str] = {}
        self.told: dict[int, float] = {}
        self.pending: dict[int, SlowNotice] = {}  # update id -> its timer since arrival

    def arrived(self, bot, update_id: int, chat_id: int, hint: str | None) -> None:
        """An update was received: its timer runs from now (until ``take`` or ``drop``)."""
        if update_id not in self.pending:  # a second delivery: the first timer goes on
            self.pending[update_id] = self.notice(bot, chat_id, hint)

    def take(self, update_id: int) -> SlowNotice | None:
        """The turn's own timer: the one started when its update arrived, if any."""
        return self.pending.pop(update_id, None)

    def drop(self, update_id: int) -> None:
        """The update is done (or was never handled here): no notice for it any more."""
        notice = self.pending.pop(update_id, None)
        if notice is not None:
            notice.begun()

    def remember(self, chat_id: int, language: str | None) -> None:
        if language and self.languages.get(chat_id) != language:
            if len(self.languages) >= _REMEMBERED:
                self.languages.clear()  # rare; the next update of each seller refills it
            self.languages[chat_id] = language

    def notice(self, bot, chat_id: int, hint: str | None,
               after: float | None = None) -> SlowNotice:
        return SlowNotice(self, bot, chat_id, self.languages.get(chat_id) or hint,
                          NOTICE_AFTER if after is None else after)

    def _first_in_a_while(self, chat_id: int) -> bool:
        now = time.monotonic()
        if len(self.told) > 1000:
            self.told = {c: t for c, t in self.told.items() if now - t < TOLD_FOR}
        if now - self.told.get(chat_id, -TOLD_FOR) < TOLD_FOR:
            return False
        self.told[chat_id] = now
        return True


class SlowNotice:
    """One update's timer: ``begun()`` when its transaction began (the notice is no longer
    needed), ``settled()`` before its answer is sent."""

    def __init__(self, waiting: Waiting, bot, chat_id: int, language: str | None,
                 after: float):
        self._waiting, self._bot, self._chat_id = waiting, bot, chat_id
        self._language = language
        # A timer, not a task: every update makes one, and almost all are cancelled.
        self._timer: asyncio.TimerHandle | None = asyncio.get_running_loop().call_later(
            after, self._fire)
        self._task: asyncio.Task | None = None

    def _fire(self) -> None:
        self._timer = None
        if self._waiting._first_in_a_while(self._chat_id):
            self._task = asyncio.create_task(self._send())

    async def _send(self) -> None:
        with use_locale(self._language):
            text = _("⏳ Just a moment: I am busy, your answer is coming. No need to send "
                     "it again.")
        try:
            await self._bot.send_message(self._chat_id, text)
        except TelegramError as exc:
            log.warning("could not send the waiting notice: %s", type(exc).__name__)

    def begun(self) -> None:
        """The transaction began: a notice not yet on its way is not needed."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    async def settled(self) -> None:
        """Before the answer: a notice on its way arrives first."""
        self.begun()
        if self._task is not None:
            task, self._task = self._task, None
            await asyncio.gather(task, return_exceptions=True)


def of(application) -> Waiting:
    """The process's one ``Waiting`` (kept in the Application, beside the runtime)."""
    waiting = application.bot_data.get(KEY)
    if waiting is None:  # not setdefault(KEY, Waiting()): that built one on every update
        waiting = application.bot_data[KEY] = Waiting()
    return waiting
