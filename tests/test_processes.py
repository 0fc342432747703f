"""Issue 7 item 6: two webhook processes on one database, as the README allows.

Two real ``seller-bot run`` processes in webhook mode share the database and a loopback Bot
API stub. One seller's updates go alternately to one and the other, and the consent button
is pressed in both at the same moment: nothing is lost, nothing crashes, one seller row.
"""

from __future__ import annotations

import asyncio
import json
import socket
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.botkit import count_rows
from tests.test_cli import SELLER_BOT
from tests.test_http_polling import TOKEN, USER, BotApiStub, _callback, _markup_data

SECRET = "two-processes-secret"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(stub: BotApiStub, database_url: str, port: int, tmp_path: Path) -> subprocess.Popen:
    env = {"PATH": "/usr/bin:/bin", "TELEGRAM_BOT_TOKEN": TOKEN,
           "TELEGRAM_API_URL": stub.base_url, "DATABASE_URL": database_url,
           "WEBHOOK_URL": "https://bot.example.org/hook", "WEBHOOK_SECRET": SECRET,
           "PORT": str(port), "PYTHONIOENCODING": "utf-8"}
    return subprocess.Popen([SELLER_BOT, "run"], env=env, cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_listening(port: int, process: subprocess.Popen, deadline: float) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"process ended: {process.stderr.read()}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError(f"port {port} never opened")


def _post(port: int, update: dict) -> int:
    answer = httpx.post(f"http://127.0.0.1:{port}/hook", content=json.dumps(update),
                        headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}, timeout=10)
    return answer.status_code


def _texts(stub: BotApiStub) -> list[str]:
    return [c.params.get("text", "") for c in stub.snapshot()
            if c.method in ("sendMessage", "editMessageText")]


def _wait_text(stub: BotApiStub, fragment: str, deadline: float, count: int = 1) -> None:
    while time.monotonic() < deadline:
        if sum(fragment in t for t in _texts(stub)) >= count:
            return
        time.sleep(0.02)
    raise AssertionError(f"no {fragment!r}; texts: {_texts(stub)}")


@pytest.mark.db
async def test_two_webhook_processes_share_one_seller(settings, tmp_path) -> None:
    ids = iter(range(1, 1000))

    def message(text: str) -> dict:
        uid = next(ids)
        content = {"message_id": 7000 + uid, "date": int(time.time()), "from": USER,
                   "chat": {"id": USER["id"], "type": "private"}, "text": text}
        if text.startswith("/"):
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
        return {"update_id": uid, "message": content}

    def button(data: str) -> dict:
        uid = next(ids)
        return {"update_id": uid, "callback_query": {**_callback(data, 2), "id": f"cb{uid}"}}

    with BotApiStub(TOKEN) as stub:
        ports = [_free_port(), _free_port()]
        processes = [_start(stub, settings.database_url, port, tmp_path) for port in ports]
        try:
            deadline = time.monotonic() + 60
            for port, process in zip(ports, processes, strict=True):
                _wait_listening(port, process, deadline)
            a, b = ports
            loop = asyncio.get_running_loop()

            async def post(port: int, update: dict) -> int:
                return await loop.run_in_executor(None, _post, port, update)

            assert await post(a, message("/start")) == 200
            await loop.run_in_executor(None, _wait_text, stub, "Namaste", deadline)
            assert await post(b, button("l|en")) == 200
            await loop.run_in_executor(None, _wait_text, stub, "Do you agree?", deadline)
            # "I agree" pressed twice, each tap to another process, at the same moment.
            agree = next(d for c in stub.snapshot() for d in _markup_data(c)
                         if d.startswith("c|yes|en|"))
            with ThreadPoolExecutor(2) as pool:
                taps = list(pool.map(lambda p: _post(p, button(agree)), (a, b)))
            assert taps == [200, 200]
            await loop.run_in_executor(None, _wait_text, stub, "What is your name?", deadline)
            assert await post(b, message("Sunita Devi")) == 200
            await loop.run_in_executor(None, _wait_text, stub, "Which district", deadline)
            assert await post(a, message("Varanasi")) == 200
            await loop.run_in_executor(None, _wait_text, stub, "What do you make?", deadline)
            assert await post(b, message("Banaras Silk House")) == 200
            await loop.run_in_executor(None, _wait_text, stub, "business or shop", deadline)
        finally:
            for process in processes:
                process.terminate()
            logs = [process.communicate(timeout=20)[1] for process in processes]
    texts = _texts(stub)
    assert not any(t.startswith("Sorry") for t in texts), texts
    assert sum("What is your name?" in t for t in texts) == 1, texts
    assert count_rows(settings.database_url, "sellers") == 1
    for log in logs:
        assert "Traceback" not in log, log
