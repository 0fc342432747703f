"""``seller-bot bench --only workers`` (issue 22 §2): webhook throughput and reply p99 with 1
and with 2 webhook workers on one PostgreSQL, in the same run, and their ratio.

Each worker is ``seller-bot run``'s runtime (Starlette + uvicorn, the inbox, per-chat
claims) in a process of its own, without python-telegram-bot's rate limiter: the bench
measures what the workers and the database can do, not Telegram's 30 messages a second.
32 sellers, each at the profile form's first question, type their name again and again;
each waits for the bot's answer before typing the next (latency = POST to the reply
reaching the Bot API). Requests are spread over the workers one by one, as a load balancer
would. The Bot API is a small local HTTP server. Needs HAAT_BENCH_POSTGRES_URL (a scratch
database: its tables are dropped).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import httpx

CHATS = 32
FIRST = 30_000_000
SECRET = "bench-workers-secret"
TOKEN = "7000000001:LOCAL-chat-token-not-used-by-telegram"
BOT_USER = {"id": 7000000001, "is_bot": True, "first_name": "Haat", "username": "haat_bot"}


_UPDATE_IDS = itertools.count(1)


class _Api:
    """The Bot API methods a worker calls; each sendMessage sets its chat's event."""

    def __init__(self, loop: asyncio.AbstractEventLoop):
        self.events: dict[int, asyncio.Event] = {}
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                if self.headers.get("Content-Type", "").startswith("application/json"):
                    params = json.loads(body or "{}")
                else:
                    params = {k: v[0] for k, v in parse_qs(body).items()}
                method = self.path.rsplit("/", 1)[-1]
                result: object = True
                if method == "getMe":
                    result = BOT_USER
                elif method == "getUpdates":
                    result = []
                elif method in ("sendMessage", "editMessageText"):
                    chat = int(params.get("chat_id", 0))
                    result = {"message_id": 1, "date": int(time.time()),
                              "chat": {"id": chat, "type": "private"}, "text": "…"}
                    event = api.events.get(chat)
                    if event is not None:
                        loop.call_soon_threadsafe(event.set)
                data = json.dumps({"ok": True, "result": result}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_worker(api_url: str, database_url: str, port: int, log) -> subprocess.Popen:
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": api_url,
           "DATABASE_URL": database_url, "WEBHOOK_URL": "https://bot.example.org/hook",
           "WEBHOOK_SECRET": SECRET, "PORT": str(port), "LOG_LEVEL": "WARNING",
           "OUTBOX_SENDER": "separate"}
    return subprocess.Popen([sys.executable, "-m", "bot.cli.bench_workers", "worker"], env=env,
                            stdout=subprocess.DEVNULL, stderr=log)


async def _wait_listening(ports: list[int], deadline: float) -> None:
    async with httpx.AsyncClient() as client:
        for port in ports:
            while True:
                try:
                    await client.get(f"http://127.0.0.1:{port}/hook")
                    break
                except httpx.HTTPError:
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"worker on port {port} never listened") from None
                    await asyncio.sleep(0.1)


REDELIVERED = [0]  # deliveries made again after a transport error, reported beside p99


async def _drive(api: _Api, ports: list[int], per_chat: int) -> tuple[float, list[float]]:
    """32 chats typing; returns (seconds, latencies)."""
    ids = _UPDATE_IDS  # across runs: a repeated update_id would be ignored as a duplicate
    turn = iter(range(10_000_000))
    latencies: list[float] = []
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)

    async def chat(client: httpx.AsyncClient, chat_id: int) -> None:
        event = api.events.setdefault(chat_id, asyncio.Event())
        for n in range(per_chat):
            update = {"update_id": next(ids), "message": {
                "message_id": n + 1, "date": int(time.time()), "text": "सुनीता देवी",
                "chat": {"id": chat_id, "type": "private"},
                "from": {"id": chat_id, "is_bot": False, "first_name": "S"}}}
            port = ports[next(turn) % len(ports)]
            event.clear()
            began = time.perf_counter()
            for attempt in range(5):
                # As Telegram does, deliver again after a transport error: a kept-alive
                # connection the worker closed as it was reused gives a ReadError (the inbox
                # ignores an update_id it already has).
                try:
                    answer = await client.post(
                        f"http://127.0.0.1:{port}/hook", json=update,
                        headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
                    break
                except httpx.TransportError:
                    if attempt == 4:
                        raise
                    REDELIVERED[0] += 1
                    await asyncio.sleep(0.05)
            if answer.status_code != 200:
                raise RuntimeError(f"worker answered {answer.status_code}")
            await asyncio.wait_for(event.wait(), 60)
            latencies.append(time.perf_counter() - began)

    async with httpx.AsyncClient(limits=limits, timeout=60) as client:
        began = time.perf_counter()
        await asyncio.gather(*(chat(client, FIRST + i) for i in range(CHATS)))
        return time.perf_counter() - began, latencies


async def _one_setting(database_url: str, workers: int, per_chat: int) -> tuple[float, float]:
    from bot.cli.bench_kit import reset_tables, seed_sellers
    from bot.db.engine import upgrade

    reset_tables(database_url)
    upgrade(database_url)
    seed_sellers(database_url, CHATS, FIRST)
    api = _Api(asyncio.get_running_loop())
    ports = [_free_port() for _ in range(workers)]
    with tempfile.TemporaryFile() as log:
        processes = [_start_worker(api.url, database_url, port, log) for port in ports]
        try:
            await _wait_listening(ports, time.monotonic() + 120)
            await _drive(api, ports, 3)  # warm-up: connections, caches
            REDELIVERED[0] = 0
            seconds, latencies = await _drive(api, ports, per_chat)
        except Exception:
            log.seek(0)
            print(log.read().decode("utf-8", "replace")[-2000:])
            raise
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                process.wait(timeout=30)
            api.server.shutdown()
            api.server.server_close()
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000
    print(f"  {workers} worker{'s' if workers > 1 else ' '}: {len(latencies) / seconds:7.0f} "
          f"updates/s, reply p50 {statistics.median(ordered) * 1000:5.0f} ms, "
          f"p99 {p99:5.0f} ms ({len(latencies)} updates from {CHATS} chats; delivered again "
          f"after a transport error: {REDELIVERED[0]})")
    return len(latencies) / seconds, p99


def main(quick: bool = False) -> bool:
    database_url = os.environ.get("HAAT_BENCH_POSTGRES_URL")
    print(f"(l) webhook workers on PostgreSQL, {CHATS} chats at once, each waiting for its "
          f"answer:")
    if not database_url:
        print("  skipped: set HAAT_BENCH_POSTGRES_URL to a scratch PostgreSQL database")
        return True
    per_chat = 10 if quick else 40
    one, _ = asyncio.run(_one_setting(database_url, 1, per_chat))
    two, _ = asyncio.run(_one_setting(database_url, 2, per_chat))
    print(f"  2 workers / 1 worker: {two / one:.2f}x throughput ({os.cpu_count()} CPU cores "
          f"here, shared with PostgreSQL and this load generator)")
    return True


def _worker() -> None:
    """One webhook worker as ``seller-bot run`` starts it, without the rate limiter."""
    from bot.app import build_application
    from bot.logs import setup_logging
    from bot.runtime import serve
    from bot.settings import load_settings

    settings = load_settings(env_file=None)
    setup_logging(settings.log_level, secrets=(settings.token, settings.webhook_secret))
    asyncio.run(serve.run(build_application(settings, rate_limit=False), settings))


if __name__ == "__main__" and sys.argv[1:] == ["worker"]:
    _worker()
