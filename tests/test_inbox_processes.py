"""Issue 22 §1: kill -9 at every point of an update's way through the bot, with 200 updates
in flight from 20 chats; afterwards every update was handled exactly once and in order per
chat. Webhook and polling mode, on SQLite and PostgreSQL.

The bot process is ``tests/inbox_child.py`` (``seller-bot run``'s runtime with a handler
that records each update in its turn's transaction); it kills itself at the named point,
the test starts it again, as a supervisor would, with the next point.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text

from bot.db.engine import sync_url
from tests.test_http_polling import TOKEN, BotApiStub
from tests.test_processes import _free_port

ROOT = Path(__file__).resolve().parent.parent
SECRET = "inbox-kill-secret"
POINTS = ("after_insert", "after_claim", "mid_handling", "after_commit")
CHATS = [8_800_000 + n for n in range(20)]
PER_CHAT = 10  # 200 updates


def _sql(database_url: str, statement: str) -> list:
    engine = create_engine(sync_url(database_url))
    try:
        with engine.begin() as conn:
            result = conn.execute(text(statement))
            return result.all() if result.returns_rows else []
    finally:
        engine.dispose()


def _handled_table(database_url: str) -> None:
    _sql(database_url, "DROP TABLE IF EXISTS handled")
    key = ("id SERIAL PRIMARY KEY" if database_url.startswith("postgresql")
           else "id INTEGER PRIMARY KEY AUTOINCREMENT")
    _sql(database_url, f"CREATE TABLE handled ({key}, chat_id BIGINT, update_id BIGINT)")


def _message(update_id: int | None, chat_id: int, n: int) -> dict:
    content = {"message_id": n + 1, "date": int(time.time()), "text": f"word {n}",
               "chat": {"id": chat_id, "type": "private"},
               "from": {"id": chat_id, "is_bot": False, "first_name": "A"}}
    return content if update_id is None else {"update_id": update_id, "message": content}


class Child:
    def __init__(self, stub: BotApiStub, database_url: str, webhook_port: int | None):
        self.stub, self.database_url, self.port = stub, database_url, webhook_port
        self.logs: list = []

    def start(self, kill: str | None) -> subprocess.Popen:
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TELEGRAM_BOT_TOKEN": TOKEN,
               "TELEGRAM_API_URL": self.stub.base_url, "DATABASE_URL": self.database_url,
               "LOG_LEVEL": "WARNING", "INBOX_LEASE_SECONDS": "3",
               "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
        if self.port is not None:
            env.update(WEBHOOK_URL="https://bot.example.org/hook", WEBHOOK_SECRET=SECRET,
                       PORT=str(self.port))
        if kill:
            env["HAAT_TEST_KILL"] = kill
        log = tempfile.TemporaryFile()  # noqa: SIM115 (read after the process ends)
        self.logs.append(log)
        return subprocess.Popen([sys.executable, "-m", "tests.inbox_child"], env=env,
                                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log)

    def said(self) -> str:
        out = []
        for log in self.logs:
            log.seek(0)
            out.append(log.read().decode("utf-8", "replace")[-3000:])
        return "\n---\n".join(out)


def _post_until_accepted(client: httpx.Client, port: int, update: dict,
                         deadline: float) -> None:
    """As Telegram does: deliver again until the answer is 200 (a dead process refuses
    the connection or drops it)."""
    while time.monotonic() < deadline:
        try:
            answer = client.post(f"http://127.0.0.1:{port}/hook", json=update, timeout=10,
                                 headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
            if answer.status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.05)
    raise AssertionError(f"update {update['update_id']} was never accepted")


def _handled(database_url: str) -> list[tuple[int, int]]:
    return [(chat, update) for _id, chat, update in
            _sql(database_url, "SELECT id, chat_id, update_id FROM handled ORDER BY id")]


def _open(database_url: str) -> int:
    return _sql(database_url, "SELECT count(*) FROM inbox WHERE status <> 'done'")[0][0]


@pytest.mark.db
@pytest.mark.parametrize("mode", ["webhook", "polling"])
def test_kill_9_at_every_point_loses_and_repeats_nothing(database_url, mode) -> None:
    _handled_table(database_url)
    expected: dict[int, list[int]] = {chat: [] for chat in CHATS}
    with BotApiStub(TOKEN) as stub:
        port = _free_port() if mode == "webhook" else None
        child = Child(stub, database_url, port)
        deadline = time.monotonic() + 240
        clients: list[threading.Thread] = []
        update_id = 0
        for _n in range(PER_CHAT):
            for chat in CHATS:
                update_id += 1
                expected[chat].append(update_id)
        if mode == "polling":  # all 200 waiting at Telegram, confirmed as they are written
            for n in range(PER_CHAT):
                for chat in CHATS:
                    stub.queue("message", _message(None, chat, n))
        else:  # each chat sends its next message when the last was accepted
            def chat_client(chat: int) -> None:
                # One client per chat: a new one per request costs a TLS context each time
                with httpx.Client() as client:
                    for n, uid in enumerate(expected[chat]):
                        _post_until_accepted(client, port, _message(uid, chat, n), deadline)
            clients = [threading.Thread(target=chat_client, args=(chat,), daemon=True)
                       for chat in CHATS]
            for client in clients:
                client.start()
        started = time.monotonic()
        try:
            for point in POINTS:  # each run dies at its point, a few updates in
                # polling writes a whole batch at once: die after the first
                at = 1 if point == "after_insert" and mode == "polling" else 12
                process = child.start(f"{point}:{at}")
                try:
                    process.wait(timeout=90)
                except subprocess.TimeoutExpired:
                    process.kill()
                    raise AssertionError(f"never reached {point}:\n{child.said()}") from None
                assert process.returncode == -9, child.said()
                print(f"{point}: killed at {time.monotonic() - started:.1f} s, "
                      f"{len(_handled(database_url))} handled")
            last = child.start(None)
            try:
                while time.monotonic() < deadline:
                    if (len(_handled(database_url)) >= 200 and _open(database_url) == 0
                            and not any(c.is_alive() for c in clients)):
                        break
                    assert last.poll() is None, child.said()
                    time.sleep(0.1)
                print(f"all handled at {time.monotonic() - started:.1f} s")
            finally:
                last.terminate()
                last.wait(timeout=30)
        except BaseException:
            print(child.said())
            raise
    handled = _handled(database_url)
    got: dict[int, list[int]] = {chat: [] for chat in CHATS}
    for chat, uid in handled:
        got[chat].append(uid)
    assert len(handled) == 200, f"{len(handled)} handled"
    assert got == expected  # each exactly once, and in order per chat
    assert "Traceback" not in child.said(), child.said()
