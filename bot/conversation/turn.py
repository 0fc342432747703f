"""One update's worth of work: who is talking, their stored state, and what to answer.

Services in ``bot/`` read and change a ``Turn`` and append ``Reply`` objects; the Telegram
adapter in ``handlers/`` turns those into Bot API calls after the transaction commits.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from bot.conversation.callbacks import CALLBACK_DATA_LIMIT
from bot.db.models import Seller
from bot.i18n import get_locale, set_locale
from bot.settings import Settings

MESSAGE_LIMIT = 4096  # characters, Bot API limit

# ``lookup(session, telegram_id, is_operator)``: the person's staff role now (an object with
# ``.operator``, ``.districts`` and ``.can_see(code)``), or None. The staff table's owner
# (``bot.admin.staff.role``) is handed over by ``build_application()``, so that a slice
# below ``admin`` (workshops) can ask without importing it.
StaffLookup = Callable[[Any, int, bool], Awaitable[Any]]
_UNASKED = object()


class Gone(Exception):
    """The object a button or command names is not the presser's, or no longer exists.

    Raised by an owner's guard (``products.owned``) with the words to show (translated);
    ``turn_handler`` shows them in one place: a notice on a button, a line otherwise."""

    @property
    def message(self) -> str:
        return str(self.args[0])


BUTTON_LIMIT = 20  # characters (Devanagari counted as characters): what a phone's row shows


def fit(*labels: str) -> str:
    """The first label that fits a button, else the last one cut with "…" (a seller's own
    words, such as a product name, have no shorter form to fall back on)."""
    for label in labels:
        if len(label) <= BUTTON_LIMIT:
            return label
    return labels[-1][:BUTTON_LIMIT - 1].rstrip() + "…"


@dataclass(frozen=True)
class Button:
    text: str
    data: str  # callback data

    def __post_init__(self) -> None:
        if len(self.data.encode()) > CALLBACK_DATA_LIMIT:
            raise ValueError(f"callback data over {CALLBACK_DATA_LIMIT} bytes: {self.data!r}")


@dataclass
class Reply:
    text: str
    buttons: list[list[Button]] = field(default_factory=list)
    # A reply keyboard with one "share my phone number" button carrying this label.
    contact_button: str | None = None
    remove_keyboard: bool = False
    # Replace the message whose button was pressed instead of sending a new one.
    edit: bool = False
    # (file name, bytes) to send as a document; ``text`` is its caption.
    document: tuple[str, bytes] | None = None
    # (file name, bytes) of an image to send as a photo (a chart); ``text`` is its caption.
    photo: tuple[str, bytes] | None = None
    # (zip name, [(name in the zip, Telegram file_id)]): the adapter downloads the files
    # through the Bot API after the commit and sends them as one ZIP (nothing is stored).
    zip_of: tuple[str, list[tuple[str, str]]] | None = None
    # A voice note sent again by Telegram's file id (nothing downloaded); ``text`` is its
    # caption.
    voice: str | None = None


# Turn.local key: the (chat id, job key) pairs whose job is running in this process.
JOBS_RUNNING = "jobs_running"


@dataclass
class Job:
    """Heavy work to do after the turn's replies went out, off the event loop (a worker
    process): ``build(*args)`` runs there, so it is a module-level function and ``args``
    are plain picklable values (no ORM rows). ``done(result)`` runs back in the bot, in
    the turn's language, and returns the replies to send (the file); ``failed`` is said if
    the work raised. One job per chat and ``key`` at a time (``Turn.busy``)."""

    key: str
    build: Callable[..., Any]
    args: tuple
    done: Callable[[Any], list[Reply]]
    failed: str


@dataclass
class Turn:
    session: Any  # AsyncConnection, or bot.db.SyncConnection on SQLite
    telegram_id: int
    chat_id: int
    seller: Seller | None
    # Telegram's language code for people who have not chosen (no row before consent).
    language_hint: str | None = None
    replies: list[Reply] = field(default_factory=list)
    # Short text for answerCallbackQuery (a toast), when a button was pressed.
    notice: str | None = None
    is_admin: bool = False
    # What the adapter fetched before the transaction (e.g. a checked photo).
    attachment: Any = None
    # The seller's columns as loaded, to write back only what changed (bot.sellers).
    stored: dict[str, Any] = field(default_factory=dict)
    # This process's memory, shared by all updates: hints only (lost on restart, not seen
    # by other processes), for what may not be stored before consent.
    local: dict[str, Any] = field(default_factory=dict)
    # When the user sent the message (Telegram's date, seconds since the epoch).
    sent_at: int | None = None
    # Work that must wait until every reply was delivered (``hook(session)``, in a new
    # transaction): "drafts sent" is recorded only once the drafts reached the seller.
    after_delivery: list[Callable[[Any], Awaitable[None]]] = field(default_factory=list)
    staff_lookup: StaffLookup | None = None
    # The one frozen configuration, from build_application() (cosmic python's bootstrap):
    # screens read it here and hand services the values they need (the outbox rate, the
    # database URL); nothing configured rides in ``local`` or ``attachment``.
    settings: Settings = field(default_factory=Settings)
    # The bot's @username (from Telegram's getMe at start-up), for links we hand out.
    bot_username: str | None = None
    # A staff member's chat row (``consented_at`` NULL: not a seller), when they have one
    # and no seller row: it holds a staff form in progress (``forms.start`` makes it).
    staff_chat: Seller | None = None
    # The name on the Telegram account (not stored, except as a facilitator's name in the
    # staff list when they accept an invitation).
    telegram_name: str | None = None
    _staff: Any = field(default=_UNASKED, repr=False)
    # Heavy work started once the replies were sent; its own replies follow when done.
    jobs: list[Job] = field(default_factory=list)

    @property
    def locale(self) -> str:
        return get_locale()

    async def staff(self) -> Any:
        """The caller's staff role (None: not staff), asked when a staff screen needs it
        and at most once per update: a seller's update costs no query, and every press
        asks again (a removed facilitator's old button finds None)."""
        if self._staff is _UNASKED:
            self._staff = (await self.staff_lookup(self.session, self.telegram_id,
                                                   self.is_admin)
                           if self.staff_lookup is not None else None)
        return self._staff

    def say(self, text: str, buttons: list[list[Button]] | None = None, **kwargs) -> Reply:
        reply = Reply(text=text, buttons=buttons or [], **kwargs)
        self.replies.append(reply)
        return reply

    def busy(self, key: str) -> bool:
        """A job with this key is running for this chat (in this process)."""
        return (self.chat_id, key) in self.local.get(JOBS_RUNNING, ())

    def later(self, job: Job) -> None:
        self.jobs.append(job)

    @property
    def row(self) -> Seller | None:
        """The row this update writes back: the seller's, or a staff member's chat row."""
        return self.seller if self.seller is not None else self.staff_chat

    def use_language(self, language: str) -> None:
        set_locale(language)
        if self.row is not None:
            self.row.language = get_locale()

