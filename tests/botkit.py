"""Drive the real Application through the in-process Bot API, as a Telegram user would."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.ext import Application

from bot.app import build_application, dispose, stop_sender
from bot.runtime.transport import BOT_USER, Call, LocalBotApi
from bot.settings import Settings

_update_ids = itertools.count(1)


@dataclass
class Screen:
    """What one update made the bot do."""

    calls: list[Call]

    @property
    def texts(self) -> list[str]:
        return [c.params.get("text") or c.params.get("caption") or "" for c in self.calls
                if c.method in ("sendMessage", "editMessageText", "sendDocument", "sendPhoto",
                              "sendVoice")]

    @property
    def text(self) -> str:
        return "\n".join(self.texts)

    @property
    def notice(self) -> str | None:
        for call in self.calls:
            if call.method == "answerCallbackQuery":
                return call.params.get("text")
        return None

    @property
    def documents(self) -> list[tuple[str, bytes]]:
        return [next(iter(c.files.values())) for c in self.calls if c.method == "sendDocument"]

    @property
    def drafts(self) -> list[str]:
        """The text files sent (a marketplace draft to copy from), decoded."""
        return [data.decode("utf-8") for name, data in self.documents if name.endswith(".txt")]

    @property
    def photos(self) -> list[tuple[str, bytes]]:
        return [next(iter(c.files.values())) for c in self.calls if c.method == "sendPhoto"]

    @property
    def voices(self) -> list[str]:
        """File ids of the voice notes sent (by id, as the bot forwards them)."""
        return [str(c.params.get("voice")) for c in self.calls if c.method == "sendVoice"]

    def has(self, fragment: str) -> bool:
        return fragment in self.text


@dataclass
class Chat:
    app: Application
    transport: LocalBotApi
    user_id: int = 5550001
    language_code: str | None = "en"
    first_name: str = "Seller"
    # message id -> list of (label, callback data), as Telegram would show them
    keyboards: dict[int, list[tuple[str, str]]] = field(default_factory=dict)
    last_keyboard_message: int | None = None
    last_start: int = 0  # index into the transport's calls where the last update began

    @property
    def user(self) -> dict[str, Any]:
        user = {"id": self.user_id, "is_bot": False, "first_name": self.first_name}
        if self.language_code:
            user["language_code"] = self.language_code
        return user

    def _chat(self) -> dict[str, Any]:
        return {"id": self.user_id, "type": "private"}

    async def _process(self, data: dict[str, Any]) -> Screen:
        start = len(self.transport.calls)
        self.last_start = start
        await self.app.process_update(Update.de_json(data, self.app.bot))
        calls = self.transport.calls[start:]
        for index, call in enumerate(calls):
            markup = call.params.get("reply_markup") or {}
            if isinstance(markup, str):  # sent with a file: the markup is JSON text
                markup = json.loads(markup)
            if call.method in ("sendMessage", "sendDocument", "sendPhoto", "sendVoice"):
                message_id = self._sent_id(start + index)
            elif call.method == "editMessageText":
                message_id = call.params["message_id"]
                self.keyboards.pop(message_id, None)
            else:
                continue
            if "inline_keyboard" in markup:
                self.keyboards[message_id] = [(b["text"], b["callback_data"])
                                              for row in markup["inline_keyboard"] for b in row]
                self.last_keyboard_message = message_id
        return Screen(calls)

    async def files(self) -> Screen:
        """Wait for the work the last update started off the event loop (an export in a
        worker process); what reached this chat since that update, its own replies
        included."""
        jobs = self.app.bot_data["runtime"].jobs
        while jobs:
            await asyncio.wait(set(jobs), timeout=120)
        return self.inbox(self.last_start)

    def inbox(self, start: int = 0) -> Screen:
        """What was sent to this chat outside its own updates (the outbox sender) since
        ``start``, an index into the transport's calls; its buttons become pressable."""
        mine = []
        for index in range(start, len(self.transport.calls)):
            call = self.transport.calls[index]
            if call.method not in ("sendMessage", "sendDocument", "sendVoice"):
                continue
            if int(call.params.get("chat_id", 0)) != self.user_id:
                continue
            mine.append(call)
            markup = call.params.get("reply_markup") or {}
            if isinstance(markup, str):
                markup = json.loads(markup)
            if "inline_keyboard" in markup:
                message_id = self._sent_id(index)
                self.keyboards[message_id] = [(b["text"], b["callback_data"])
                                              for row in markup["inline_keyboard"] for b in row]
                self.last_keyboard_message = message_id
        return Screen(mine)

    def _sent_id(self, index: int) -> int:
        # The transport numbers sent messages 1, 2, 3... in call order.
        return sum(1 for c in self.transport.calls[:index + 1]
                   if c.method in ("sendMessage", "editMessageText", "sendDocument",
                                   "sendPhoto", "sendVoice"))

    def _message(self, **content: Any) -> dict[str, Any]:
        uid = next(_update_ids)
        return {"update_id": uid, "message": {"message_id": 900000 + uid,
                                              "date": int(time.time()), "from": self.user,
                                              "chat": self._chat(), **content}}

    async def send(self, text: str) -> Screen:
        content: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            content["entities"] = [{"type": "bot_command", "offset": 0,
                                    "length": len(text.split()[0])}]
        return await self._process(self._message(**content))

    async def share_contact(self, phone: str, user_id: int | None = -1) -> Screen:
        """The seller's own card; ``user_id``: someone else's (None: a card without one)."""
        contact = {"phone_number": phone, "first_name": self.first_name}
        owner = self.user_id if user_id == -1 else user_id
        if owner is not None:
            contact["user_id"] = owner
        return await self._process(self._message(contact=contact))

    async def send_sticker(self) -> Screen:
        return await self._process(self._message(sticker={
            "file_id": "stk", "file_unique_id": "stk1", "width": 512, "height": 512,
            "is_animated": False, "is_video": False, "type": "regular"}))

    async def send_photo(self) -> Screen:
        return await self._process(self._message(photo=[{
            "file_id": "ph", "file_unique_id": "ph1", "width": 90, "height": 90}]))

    async def send_picture(self, data: bytes, *, as_file: bool = True, width: int = 0,
                           height: int = 0) -> Screen:
        """A real image through getFile and the file download, as a photo or a file."""
        file_id = f"img{next(_update_ids)}"
        self.transport.files[file_id] = data
        if as_file:
            return await self._process(self._message(document={
                "file_id": file_id, "file_unique_id": f"u{file_id}", "file_name": "p.jpg",
                "mime_type": "image/jpeg", "file_size": len(data)}))
        return await self._process(self._message(photo=[{
            "file_id": file_id, "file_unique_id": f"u{file_id}", "width": width,
            "height": height, "file_size": len(data)}]))

    async def send_voice(self, file_id: str = "vc") -> Screen:
        return await self._process(self._message(voice={
            "file_id": file_id, "file_unique_id": f"u{file_id}", "duration": 2}))

    async def send_audio(self, file_id: str = "au") -> Screen:
        """An audio file (a recording shared from another app), not a voice note."""
        return await self._process(self._message(audio={
            "file_id": file_id, "file_unique_id": f"u{file_id}", "duration": 5}))

    def buttons(self, message_id: int | None = None) -> list[tuple[str, str]]:
        key = message_id if message_id is not None else self.last_keyboard_message
        return self.keyboards.get(key, []) if key is not None else []

    def find(self, label: str, message_id: int | None = None) -> tuple[int, str]:
        """(message id, callback data) of the newest button whose label contains ``label``."""
        ids = [message_id] if message_id is not None else sorted(self.keyboards, reverse=True)
        for mid in ids:
            for text, data in self.keyboards.get(mid, []):
                if label in text:
                    return mid, data
        raise AssertionError(f"no button {label!r}; newest: {self.buttons()}")

    async def press(self, label: str, message_id: int | None = None) -> Screen:
        mid, data = self.find(label, message_id)
        return await self.press_data(data, mid)

    async def press_data(self, data: str, message_id: int | None = None) -> Screen:
        uid = next(_update_ids)
        return await self._process({"update_id": uid, "callback_query": {
            "id": str(uid), "from": self.user, "chat_instance": "ci", "data": data,
            "message": {"message_id": message_id or 1, "date": int(time.time()),
                        "chat": self._chat(), "from": BOT_USER, "text": "…"}}})


class Bot:
    """An Application on a database, with a recording transport."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.transport = LocalBotApi()
        self.app = build_application(settings, request=self.transport, rate_limit=False)

    async def __aenter__(self) -> Bot:
        await self.app.initialize()
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await stop_sender(self.app)
        await self.app.shutdown()
        await dispose(self.app)

    def chat(self, user_id: int = 5550001, language_code: str | None = "en") -> Chat:
        return Chat(self.app, self.transport, user_id=user_id, language_code=language_code)


def count_rows(database_url: str, table: str) -> int:
    """Rows in a table, read straight from the database (not through the bot)."""
    from sqlalchemy import create_engine, text

    from bot.db.engine import sync_url

    engine = create_engine(sync_url(database_url))
    try:
        with engine.connect() as conn:
            return conn.execute(text(f"select count(*) from {table}")).scalar_one()
    finally:
        engine.dispose()


@dataclass
class Reading:
    """What a seller's phone showed over a walk: new messages (texts, files, photos), the
    characters to read, and every inline button label."""

    messages: int = 0
    characters: int = 0
    labels: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # the lines read, in order (new ones)

    @property
    def longest_label(self) -> str:
        return max(self.labels, key=len, default="")


def reading(calls: list[Call], chat_id: int) -> Reading:
    """Count what reached ``chat_id``. A new message counts whole; an edited one (a question
    that now shows its answer, a card changed in place) counts only the lines it did not
    show before, since those are all the reader reads again."""
    shown: dict[int, str] = {}
    result = Reading()
    message_id = 0
    for call in calls:
        if call.method not in ("sendMessage", "editMessageText", "sendDocument", "sendPhoto"):
            continue
        message_id += 1  # the transport numbers every one of these calls, edits included
        if int(call.params.get("chat_id", 0)) != chat_id:
            continue
        text = call.params.get("text") or call.params.get("caption") or ""
        if call.method == "editMessageText":
            target = int(call.params["message_id"])
            before = set(shown.get(target, "").split("\n"))
            new = [line for line in text.split("\n") if line not in before]
            result.characters += sum(len(line) for line in new)
            result.lines += new
            shown[target] = text
        else:
            result.messages += 1
            result.characters += len(text)
            result.lines += text.split("\n")
            shown[message_id] = text
        markup = call.params.get("reply_markup") or {}
        if isinstance(markup, str):
            markup = json.loads(markup)
        result.labels += [b["text"] for row in markup.get("inline_keyboard", []) for b in row]
    return result
