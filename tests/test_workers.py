"""Issue 22 §2: two webhook workers (``seller-bot run``) on one PostgreSQL behind a load
balancer that spreads requests one by one (as nginx's upstream does; a small one here, in
the test), 32 sellers onboarding at once, each typing four answers in a burst: every update
handled once, in order per chat (the answers land in the right fields), no "Sorry", one
webhook registration, one active outbox sender."""

from __future__ import annotations

import itertools
import json
import threading
import time
from http.server import BaseHTTPRequestHandler

import httpx
import pytest

from tests.botkit import count_rows
from tests.local_server import LocalServer
from tests.test_http_polling import BOT_USER, TOKEN, BotApiStub, _markup_data
from tests.test_processes import SECRET, _free_port, _start, _wait_listening

CHATS = 32


class Balancer:
    """Round robin per request over the workers; a worker that does not answer gets a 502
    (Telegram then delivers again)."""

    def __init__(self, ports: list[int]):
        upstreams = itertools.cycle(ports)
        lock = threading.Lock()
        self.spread: dict[int, int] = dict.fromkeys(ports, 0)
        balancer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with lock:
                    port = next(upstreams)
                    balancer.spread[port] += 1
                try:
                    status = balancer.client.post(
                        f"http://127.0.0.1:{port}{self.path}", content=body,
                        headers={k: v for k, v in self.headers.items()
                                 if k.lower().startswith("x-telegram")}).status_code
                except httpx.HTTPError:
                    status = 502
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

        # One pooled client (thread-safe): a new one per request costs a TLS context each.
        self.client = httpx.Client(timeout=30, limits=httpx.Limits(max_connections=64))
        self.server = LocalServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Balancer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.client.close()


class Seller:
    ids = itertools.count(1)
    ids_lock = threading.Lock()

    def __init__(self, stub: BotApiStub, port: int, chat_id: int):
        self.stub, self.port, self.chat_id = stub, port, chat_id
        self.user = {"id": chat_id, "is_bot": False, "first_name": "S", "language_code": "en"}
        self.posted = 0
        self.client = httpx.Client(timeout=30)

    def _post(self, kind: str, content: dict) -> None:
        with Seller.ids_lock:  # one chat's updates get rising ids, as Telegram's do
            update = {"update_id": next(Seller.ids), kind: content}
        while True:  # Telegram delivers again after a failed or refused delivery
            try:
                answer = self.client.post(f"http://127.0.0.1:{self.port}/hook",
                                          content=json.dumps(update),
                                          headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
            except httpx.TransportError:
                time.sleep(0.05)
                continue
            if answer.status_code == 200:
                self.posted += 1
                return
            time.sleep(0.05)

    def say(self, text: str) -> None:
        self._post("message", {"message_id": 1, "date": int(time.time()), "from": self.user,
                               "chat": {"id": self.chat_id, "type": "private"}, "text": text,
                               **({"entities": [{"type": "bot_command", "offset": 0,
                                                 "length": len(text)}]}
                                  if text.startswith("/") else {})})

    def press(self, data: str) -> None:
        self._post("callback_query", {
            "id": f"cb{self.chat_id}{data}", "from": self.user, "chat_instance": "w",
            "data": data, "message": {"message_id": 1, "date": int(time.time()),
                                      "from": BOT_USER, "text": "…",
                                      "chat": {"id": self.chat_id, "type": "private"}}})

    def calls(self) -> list:
        return [c for c in self.stub.snapshot()
                if c.method in ("sendMessage", "editMessageText")
                and int(c.params.get("chat_id", 0)) == self.chat_id]

    def wait(self, predicate, what: str, deadline: float):
        while time.monotonic() < deadline:
            for call in self.calls():
                if predicate(call):
                    return call
            time.sleep(0.1)
        raise AssertionError(f"chat {self.chat_id}: no {what}; got "
                             f"{[c.params.get('text', '')[:40] for c in self.calls()]}")

    def onboard(self, deadline: float) -> None:
        self.say("/start")
        self.wait(lambda c: "l|en" in _markup_data(c), "language question", deadline)
        self.press("l|en")
        consent = self.wait(lambda c: any(d.startswith("c|yes|en|") for d in _markup_data(c)),
                            "consent question", deadline)
        self.press(next(d for d in _markup_data(consent) if d.startswith("c|yes|en|")))
        self.wait(lambda c: "What is your name?" in c.params.get("text", ""), "name question",
                  deadline)
        for answer in ("Sunita Devi", "Varanasi", "Banarasi saree", "Banaras Silk House"):
            self.say(answer)  # a burst
        self.wait(lambda c: "What is your mobile number?" in c.params.get("text", ""),
                  "mobile question",
                  deadline)


@pytest.mark.db
def test_two_workers_behind_a_balancer_handle_32_chats_once_in_order(settings,
                                                                     tmp_path) -> None:
    if not settings.database_url.startswith("postgresql"):
        pytest.skip("several workers need PostgreSQL (SQLite: one process)")
    with BotApiStub(TOKEN) as stub:
        ports = [_free_port(), _free_port()]
        workers = [_start(stub, settings.database_url, port, tmp_path) for port in ports]
        try:
            deadline = time.monotonic() + 240
            for port, worker in zip(ports, workers, strict=True):
                _wait_listening(port, worker, deadline)
            with Balancer(ports) as balancer:
                sellers = [Seller(stub, balancer.port, 6_600_000 + n) for n in range(CHATS)]
                errors: list[BaseException] = []

                def run(seller: Seller) -> None:
                    try:
                        seller.onboard(deadline)
                    except BaseException as exc:  # reported below, with the others
                        errors.append(exc)

                threads = [threading.Thread(target=run, args=(s,)) for s in sellers]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
                assert not errors, errors[:3]
                assert min(balancer.spread.values()) > 0.3 * sum(balancer.spread.values())
        finally:
            for worker in workers:
                worker.terminate()
            logs = [worker.communicate(timeout=30)[1] for worker in workers]
    texts = [c.params.get("text", "") for c in stub.snapshot()
             if c.method in ("sendMessage", "editMessageText")]
    assert not any(t.startswith("Sorry") for t in texts), [t for t in texts if "Sorry" in t]
    for seller in sellers:  # each question once: no update handled twice
        asked = [c.params.get("text", "") for c in seller.calls()]
        assert sum("What is your name?" in t for t in asked) == 1, asked
        assert sum("What is your mobile number?" in t for t in asked) == 1, asked
    posted = sum(s.posted for s in sellers)
    assert count_rows(settings.database_url, "inbox") == posted == CHATS * 7
    assert count_rows(settings.database_url, "sellers") == CHATS
    # One worker registered the webhook (the advisory lock); the other left it be.
    assert sum(c.method == "setWebhook" for c in stub.snapshot()) == 1
    for log in logs:
        assert "Traceback" not in log, log
