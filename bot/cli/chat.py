"""``seller-bot chat``: the same bot in a terminal, through the local transport.

The bot's messages are printed with their buttons numbered ``[#1]``; ``#1`` presses a
button (a plain number is always typed text: stock "2" must not press button 2), ``#0``
the "share my number" button, ``/commands`` work, ``/photo path/to/picture.jpg`` sends a
picture (as a file), ``/voice`` a voice note (no sound: the bot keeps only its id),
``/as 4441002`` goes on as another Telegram user (a facilitator; what the bot then sends
a user this terminal has been, such as a relayed answer, is shown as ``[to ID]``), ``/quit``
leaves. Outbox messages
(announcements, reminders) appear as
they fall due; ``/later 23h`` moves the outbox's clock forward, so tomorrow's reminder can
be tried now. Works with piped input too. Files the bot sends (labels, spreadsheets) are
written to a folder (``--files``, default ``haat-files``), named when the chat starts and
beside each file. The terminal remembers
only which buttons are on screen; everything else is in the database, as on Telegram.
"""

from __future__ import annotations

import asyncio
import itertools
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO, Any

from telegram import Update

from bot.app import build_application, build_sender, dispose, start_sender, stop_sender
from bot.outbox.pacing import Clock
from bot.runtime.transport import BOT_USER, Call, LocalBotApi
from bot.settings import Settings

# Buttons are pressed with "#2": a bare number is an answer, never a button.
PRESS = "#"

class ShiftedClock(Clock):
    """The real clock, moved forward by ``/later`` (the terminal chat's time travel)."""

    def __init__(self):
        self.offset = timedelta(0)

    def now(self) -> datetime:
        return super().now() + self.offset


def parse_later(text: str) -> timedelta | None:
    """"23h", "90m", "2d" → a timedelta; None if it is not one of these."""
    text = text.strip().lower()
    units = {"m": "minutes", "h": "hours", "d": "days"}
    if len(text) < 2 or text[-1] not in units or not (text[:-1].isascii() and text[:-1].isdigit()):
        return None
    return timedelta(**{units[text[-1]]: int(text[:-1])})


USER = {"id": 100001, "is_bot": False, "first_name": "Terminal", "language_code": "hi"}
FILES_DIR = Path("haat-files")


class TerminalChat:
    def __init__(self, settings: Settings, out: IO[str] = sys.stdout,
                 user: dict[str, Any] | None = None, files_dir: Path = FILES_DIR):
        self.out = out
        self.files_dir = files_dir
        self.user = dict(user or USER)
        self.transport = LocalBotApi(on_call=self._show, keep=False)
        self.app = build_application(settings, request=self.transport, rate_limit=False,
                                     concurrency=1)
        # Ids go on from where an earlier run on the same database left off (seconds since
        # 2026, twenty a second): restarting at 1 made the first buttons of a new run look
        # already pressed ("once per message") and its updates already handled (the inbox).
        first = max(1, (int(time.time()) - 1_767_225_600) * 20)
        self._ids = itertools.count(first)
        self.transport._message_id = first
        # What the numbers mean right now: (kind, value, message id) per visible button.
        self.buttons: list[tuple[str, str, int]] = []
        self.contact_label: str | None = None
        self.settings = settings
        self.clock = ShiftedClock()
        self.been: set[int] = set()  # the other users this terminal has chatted as

    # ------------------------------------------------------------ output
    def _show(self, call: Call) -> None:
        p = call.params
        chat = int(p.get("chat_id") or self.user["id"])
        if chat != self.user["id"]:
            # A person this terminal has been (/as) gets a message while another is
            # chatting: shown, without its buttons (a relayed answer, a seller's notice).
            # Other sellers' messages (a broadcast) stay out of the way.
            if chat in self.been and call.method in ("sendMessage", "sendVoice"):
                text = p.get("text") or p.get("caption") or "[voice note]"
                self.out.write(f"\n[to {chat}] " + text.replace("\n", "\n      ") + "\n")
            return
        if call.method not in ("sendMessage", "editMessageText", "sendDocument", "sendPhoto",
                               "sendVoice"):
            if call.method == "answerCallbackQuery" and p.get("text"):
                self.out.write(f"  ({p['text']})\n")
            return
        if call.method == "editMessageText":
            self.out.write("  ~ " + p.get("text", "").replace("\n", "\n    ") + "\n")
            self.buttons = [b for b in self.buttons if b[2] != p.get("message_id")]
        elif call.method == "sendVoice":
            self.out.write(f"\n[voice note {p.get('voice')}] {p.get('caption') or ''}\n")
        elif call.method in ("sendDocument", "sendPhoto"):
            name, data = next(iter(call.files.values()), ("file", b""))
            where = self._keep(name, data)
            self.out.write(f"\n[file: {name}, {len(data)} bytes, saved to {where}] "
                           f"{p.get('caption') or ''}\n")
        else:
            self.out.write("\nHaat: " + p.get("text", "").replace("\n", "\n      ") + "\n")
        markup = p.get("reply_markup") or {}
        if "inline_keyboard" in markup:
            # Numbers always mean the buttons of the newest message that has some.
            target = p.get("message_id") or self.transport._message_id + 1
            self.buttons = [b for b in self.buttons if b[2] != target] if "message_id" in p else []
            for row in markup["inline_keyboard"]:
                labels = []
                for button in row:
                    self.buttons.append(("callback", button["callback_data"], target))
                    labels.append(f"[{PRESS}{len(self.buttons)}] {button['text']}")
                self.out.write("      " + "   ".join(labels) + "\n")
        elif "keyboard" in markup:
            self.contact_label = markup["keyboard"][0][0]["text"]
            self.out.write(f"      [{PRESS}0] {self.contact_label}\n")
        elif markup.get("remove_keyboard"):
            self.contact_label = None
        self.out.flush()

    def _keep(self, name: str, data: bytes) -> Path:
        """Write a sent file into the chat's folder without overwriting an earlier one."""
        self.files_dir.mkdir(parents=True, exist_ok=True)
        safe = Path(name).name or "file"
        target = self.files_dir / safe
        stem, suffix = target.stem, target.suffix
        n = 1
        while target.exists():
            n += 1
            target = self.files_dir / f"{stem}-{n}{suffix}"
        target.write_bytes(data)
        return target

    # ------------------------------------------------------------ input
    def _base(self) -> dict[str, Any]:
        return {"update_id": next(self._ids)}

    def _message(self, **content: Any) -> Update:
        data = self._base()
        data["message"] = {"message_id": 10_000_000 + data["update_id"],
                           "date": int(time.time()), "from": self.user,
                           "chat": {"id": self.user["id"], "type": "private"}, **content}
        return Update.de_json(data, self.app.bot)

    def update_for(self, line: str) -> Update | None:
        line = line.strip()
        number = line[len(PRESS):] if line.startswith(PRESS) else ""
        if number.isascii() and number.isdigit() and 1 <= int(number) <= len(self.buttons):
            _kind, value, message_id = self.buttons[int(number) - 1]
            data = self._base()
            data["callback_query"] = {
                "id": str(data["update_id"]), "from": self.user, "chat_instance": "terminal",
                "data": value,
                "message": {"message_id": message_id, "date": int(time.time()),
                            "chat": {"id": self.user["id"], "type": "private"},
                            "from": BOT_USER, "text": "…"}}
            return Update.de_json(data, self.app.bot)
        if line == PRESS + "0" and self.contact_label:
            return None  # the caller asks for the number to share
        if line.startswith(PRESS) and number.isdigit():
            self.out.write(f"  (no button {line} on screen)\n")
            return None
        if line.startswith("/photo "):
            return self.picture(line[len("/photo "):].strip())
        if line == "/voice":
            file_id = f"local-voice-{next(self._ids)}"
            return self._message(voice={"file_id": file_id, "file_unique_id": f"u-{file_id}",
                                        "duration": 3})
        if line.startswith("/as "):
            who = line[len("/as "):].strip()
            if who.isascii() and who.isdigit():
                self.been.add(self.user["id"])
                self.user = {**self.user, "id": int(who), "first_name": f"User {who}"}
                self.buttons = []
                self.out.write(f"  (now chatting as Telegram user {who})\n")
            else:
                self.out.write("  (/as takes a Telegram user id, such as 4441002)\n")
            return None
        if line.startswith("/"):
            command = line.split()[0]
            return self._message(text=line, entities=[{"type": "bot_command", "offset": 0,
                                                       "length": len(command)}])
        return self._message(text=line)

    def picture(self, path: str) -> Update | None:
        """``/photo path/to/image.jpg``: sent as a file, as a seller would for quality."""
        try:
            data = Path(path).expanduser().read_bytes()
        except OSError as exc:
            self.out.write(f"  (cannot read {path}: {exc.strerror})\n")
            return None
        file_id = f"local-{next(self._ids)}"
        self.transport.files[file_id] = data
        return self._message(document={"file_id": file_id, "file_unique_id": f"u-{file_id}",
                                       "file_name": Path(path).name, "mime_type": "image/jpeg",
                                       "file_size": len(data)})

    def contact(self, phone: str) -> Update:
        return self._message(contact={"phone_number": phone, "first_name": self.user[
            "first_name"], "user_id": self.user["id"]})

    async def run(self, source: IO[str] = sys.stdin) -> None:
        interactive = source.isatty()
        async with self.app:
            await self.app.start()
            database = self.app.bot_data["runtime"].database
            await start_sender(self.app, build_sender(self.settings, database,
                                                      request=self.transport,
                                                      clock=self.clock))
            try:
                self.out.write("Haat terminal chat. Type /start to begin, #1 to press button "
                               "1, /photo FILE to send a picture, /voice a voice note, /as ID to "
                               "be another user, /quit to leave.\n"
                               f"Files the bot sends are saved in {self.files_dir}/.\n")
                await self.send("/start")
                loop = asyncio.get_running_loop()
                while True:
                    if interactive:
                        self.out.write("> ")
                        self.out.flush()
                    line = await loop.run_in_executor(None, source.readline)
                    if not line or line.strip() in ("/quit", "/exit"):
                        break
                    if not interactive:
                        self.out.write(f"> {line.strip()}\n")
                    if line.strip() == PRESS + "0" and self.contact_label:
                        self.out.write("  (number to share) ")
                        self.out.flush()
                        phone = await loop.run_in_executor(None, source.readline)
                        if not interactive:
                            self.out.write(phone.strip() + "\n")
                        await self.app.process_update(self.contact(phone.strip()))
                        continue
                    if line.strip().startswith("/later"):
                        self.later(line.strip()[len("/later"):])
                        continue
                    if line.strip():
                        await self.send(line)
            finally:
                await stop_sender(self.app)
                await self.app.stop()
        await dispose(self.app)

    def later(self, text: str) -> None:
        step = parse_later(text)
        if step is None:
            self.out.write("  (/later takes a time such as 90m, 23h or 2d)\n")
            return
        self.clock.offset += step
        self.out.write(f"  (the outbox's clock is now {self.clock.now():%Y-%m-%d %H:%M} UTC; "
                       f"due messages follow)\n")
        sender = self.app.bot_data.get("sender")
        if sender is not None:
            sender[0].wake()

    async def send(self, line: str) -> None:
        update = self.update_for(line)
        if update is not None:
            await self.app.process_update(update)
