"""A Bot API over HTTP on 127.0.0.1 for tests that run the bot in another process (kill -9
of a sender): it records every delivered message, and answers sends after ``delay``."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs

from bot.runtime.transport import BOT_USER
from tests.local_server import LocalServer

TOKEN = "7000000001:LOCAL-chat-token-not-used-by-telegram"


class FakeHttpApi:
    def __init__(self, delay: float = 0.0):
        self.delay = delay
        self.delivered: list[tuple[int, str]] = []
        self.times: list[float] = []
        self.lock = threading.Lock()
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                if len(raw) < length:  # the sender was killed mid-request: nothing arrived
                    self.close_connection = True  # (Telegram ignores a cut-off request too)
                    return
                body = raw.decode()
                params = {k: v[0] for k, v in parse_qs(body).items()}
                if self.headers.get("Content-Type", "").startswith("application/json"):
                    params = json.loads(body or "{}")
                method = self.path.rsplit("/", 1)[-1]
                result: object = True
                if method == "getMe":
                    result = BOT_USER
                elif method in ("sendMessage", "sendDocument"):
                    if api.delay:
                        time.sleep(api.delay)
                    with api.lock:
                        api.delivered.append((int(params.get("chat_id", 0)),
                                              params.get("text", "")))
                        api.times.append(time.monotonic())
                        number = len(api.delivered)
                    result = {"message_id": number, "date": int(time.time()),
                              "chat": {"id": int(params.get("chat_id", 0)), "type": "private"},
                              "text": params.get("text", "")}
                data = json.dumps({"ok": True, "result": result}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                # the sender may have been killed while its request was under way
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(data)

        self.server = LocalServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeHttpApi:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def count(self) -> int:
        with self.lock:
            return len(self.delivered)

    def busiest_second(self) -> int:
        """The most sends that arrived within any one second."""
        with self.lock:
            times = sorted(self.times)
        best, start = 0, 0
        for end, moment in enumerate(times):
            while moment - times[start] >= 1.0:
                start += 1
            best = max(best, end - start + 1)
        return best
