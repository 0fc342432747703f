"""An in-process Bot API: python-telegram-bot's request layer, answered locally.

Used by ``seller-bot chat`` (the terminal chat), the tests and the benchmark. It answers
the methods the bot uses the way the Bot API documents them and records every call, so
everything above the transport (Bot, Application, handlers) is the real thing.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from telegram.request import BaseRequest, RequestData

BOT_USER = {"id": 7000000001, "is_bot": True, "first_name": "Haat", "username": "haat_bot",
            "can_join_groups": False, "can_read_all_group_messages": False,
            "supports_inline_queries": False}
# Shape-valid token for runs without Telegram; the local transport never checks it.
LOCAL_TOKEN = "7000000001:LOCAL-chat-token-not-used-by-telegram"


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)


SENDS = ("sendMessage", "sendDocument", "sendVoice")


class LocalBotApi(BaseRequest):
    """``limits=(per_second, per_chat_interval)`` makes it refuse sends over Telegram's
    limits with real 429 answers (``retry_after``), as the benchmark and the outbox tests
    need; chats in ``blocked`` get 403 "bot was blocked by the user"; ``flood_next`` answers
    the next send with a 429 of that many seconds."""

    def __init__(self, on_call: Callable[[Call], None] | None = None, keep: bool = True,
                 limits: tuple[float, float] | None = None,
                 monotonic: Callable[[], float] = time.monotonic):
        self.limits = limits
        self.monotonic = monotonic  # the limits' clock (a test's injected one)
        self.blocked: set[int] = set()
        self.flood_next = 0
        self.refused: list[tuple[int, int]] = []  # (chat id, error code) of refused sends
        self._recent: deque[float] = deque()
        self._chat_last: dict[int, float] = {}
        self.calls: list[Call] = []
        self.on_call = on_call
        self.keep = keep  # the benchmark turns recording off to measure the bot, not a list
        self._message_id = 0
        # file_id -> bytes: what getFile and file downloads serve (tests, terminal chat).
        self.files: dict[str, bytes] = {}

    @property
    def read_timeout(self) -> float | None:
        return None

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         read_timeout=None, write_timeout=None, connect_timeout=None,
                         pool_timeout=None) -> tuple[int, bytes]:
        if "/file/bot" in url:  # a download of a file getFile pointed to
            data = self.files.get(url.rsplit("/", 1)[-1])
            return (200, data) if data is not None else (404, b"")
        api_method = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        files: dict[str, tuple[str, bytes]] = {}
        if request_data is not None and request_data.contains_files:
            for name, value in request_data.multipart_data.items():
                if isinstance(value, tuple):
                    files[name] = (value[0], value[1])
        refusal = self._refuse(api_method, params)
        if refusal is not None:
            return refusal
        call = Call(api_method, params, files)
        if self.keep:
            self.calls.append(call)
        if self.on_call is not None:
            self.on_call(call)
        result = await self._answer(call)
        if result is None:
            return 400, json.dumps({"ok": False, "error_code": 400,
                                    "description": "Bad Request: invalid file_id"}).encode()
        return 200, json.dumps({"ok": True, "result": result}).encode()

    def _refuse(self, method: str, params: dict[str, Any]) -> tuple[int, bytes] | None:
        """Telegram's refusals, as Telegram words them (PTB turns them into exceptions)."""
        if method not in SENDS:
            return None
        chat_id = int(params.get("chat_id", 0))
        if chat_id in self.blocked:
            self.refused.append((chat_id, 403))
            return 403, json.dumps({"ok": False, "error_code": 403, "description":
                                    "Forbidden: bot was blocked by the user"}).encode()
        retry_after = 0
        if self.flood_next:
            retry_after, self.flood_next = self.flood_next, 0
        elif self.limits is not None:
            per_second, per_chat = self.limits
            now = self.monotonic()
            while self._recent and now - self._recent[0] >= 1.0:
                self._recent.popleft()
            if len(self._recent) >= per_second or now - self._chat_last.get(
                    chat_id, float("-inf")) < per_chat:
                retry_after = 1
            else:
                self._recent.append(now)
                self._chat_last[chat_id] = now
        if retry_after:
            self.refused.append((chat_id, 429))
            return 429, json.dumps({"ok": False, "error_code": 429, "description":
                                    f"Too Many Requests: retry after {retry_after}",
                                    "parameters": {"retry_after": retry_after}}).encode()
        return None

    def _message(self, params: dict[str, Any], **extra: Any) -> dict[str, Any]:
        # A minimal Message: reply_markup and entities are optional in the Bot API and
        # the bot never reads them back.
        self._message_id += 1
        chat_id = int(params.get("chat_id", 0))
        message = {"message_id": params.get("message_id", self._message_id),
                   "date": int(time.time()), "from": BOT_USER,
                   "chat": {"id": chat_id, "type": "private"}}
        message.update(extra)
        return message

    async def _answer(self, call: Call) -> Any:
        p = call.params
        if call.method == "getMe":
            return BOT_USER
        if call.method == "sendMessage":
            return self._message(p, text=p.get("text", ""))
        if call.method == "editMessageText":
            return self._message(p, text=p.get("text", ""), edit_date=int(time.time()))
        if call.method == "sendDocument":
            name = next(iter(call.files.values()), ("file", b""))[0]
            return self._message(p, caption=p.get("caption"),
                                 document={"file_id": f"doc{self._message_id}",
                                           "file_unique_id": f"u{self._message_id}",
                                           "file_name": name})
        if call.method == "sendPhoto":
            return self._message(p, caption=p.get("caption"), photo=[{
                "file_id": f"photo{self._message_id}", "file_unique_id": f"up{self._message_id}",
                "width": 1200, "height": 600}])
        if call.method == "sendVoice":
            return self._message(p, caption=p.get("caption"), voice={
                "file_id": str(p.get("voice", "")), "file_unique_id": f"uv{self._message_id}",
                "duration": 1})
        if call.method == "getFile":
            file_id = p.get("file_id", "")
            if file_id not in self.files:
                return None
            return {"file_id": file_id, "file_unique_id": f"u-{file_id}",
                    "file_size": len(self.files[file_id]), "file_path": f"files/{file_id}"}
        if call.method == "getUpdates":
            await asyncio.sleep(float(p.get("timeout", 0) or 0) and 0.2)
            return []
        if call.method == "getWebhookInfo":
            return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
        return True  # answerCallbackQuery, setMyCommands, deleteWebhook, ...
