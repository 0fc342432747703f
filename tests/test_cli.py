"""The installed ``seller-bot`` console script, run as an operator would run it."""

from __future__ import annotations

import http.server
import io
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.cli.chat import TerminalChat
from bot.runtime.transport import Call

SELLER_BOT = str(Path(sys.executable).with_name("seller-bot"))
if not Path(SELLER_BOT).exists():  # pragma: no cover - the venv layout of `make test`
    SELLER_BOT = "/work/main/.venv/bin/seller-bot"

# Every variable load_settings reads, plus proxies (the loopback server must be reached
# directly); each test sets what it needs.
_CLEARED = ("TELEGRAM_BOT_TOKEN", "TELEGRAM_API_URL", "DATABASE_URL", "ADMIN_IDS",
            "WEBHOOK_URL", "WEBHOOK_SECRET", "PORT", "LOG_LEVEL", "TZ",
            "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")
WELL_FORMED_TOKEN = "123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"


def seller_bot(tmp_path: Path, *args: str, stdin: str = "", **env: str
               ) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in _CLEARED}
    environ["PYTHONIOENCODING"] = "utf-8"
    environ.update(env)
    return subprocess.run([SELLER_BOT, *args], input=stdin, capture_output=True, text=True,
                          encoding="utf-8", timeout=60, cwd=tmp_path, env=environ)


def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path}/x.db"


def assert_one_line_error(result: subprocess.CompletedProcess[str], variable: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].strip(), result.stderr
    assert lines[0].startswith("seller-bot:"), result.stderr
    assert variable in lines[0], result.stderr


def test_db_upgrade_creates_the_database(tmp_path: Path) -> None:
    result = seller_bot(tmp_path, "db", "upgrade", DATABASE_URL=sqlite_url(tmp_path))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "x.db").is_file()
    assert "up to date" in result.stdout
    # Running it again is harmless.
    again = seller_bot(tmp_path, "db", "upgrade", DATABASE_URL=sqlite_url(tmp_path))
    assert again.returncode == 0, again.stderr


def test_unreachable_database_is_one_line(tmp_path: Path) -> None:
    result = seller_bot(tmp_path, "db", "upgrade",
                        DATABASE_URL="postgresql+psycopg://nobody@127.0.0.1:1/nope")
    assert_one_line_error(result, "DATABASE_URL")


def test_unsupported_database_is_one_line(tmp_path: Path) -> None:
    result = seller_bot(tmp_path, "db", "upgrade", DATABASE_URL="mysql://x")
    assert_one_line_error(result, "DATABASE_URL")


def test_malformed_token_is_one_line(tmp_path: Path) -> None:
    result = seller_bot(tmp_path, "run", TELEGRAM_BOT_TOKEN="garbage",
                        DATABASE_URL=sqlite_url(tmp_path))
    assert_one_line_error(result, "TELEGRAM_BOT_TOKEN")
    assert not (tmp_path / "x.db").exists()  # settings are checked before anything runs


class _Unauthorized(http.server.BaseHTTPRequestHandler):
    BODY = b'{"ok":false,"error_code":401,"description":"Unauthorized"}'

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self.server.paths.append(self.path)  # type: ignore[attr-defined]
        self.send_response(401)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.BODY)))
        self.end_headers()
        self.wfile.write(self.BODY)

    do_GET = do_POST = _answer

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def refusing_api() -> Iterator[http.server.ThreadingHTTPServer]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Unauthorized)
    server.paths = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_refused_token_is_one_clear_line(tmp_path: Path, refusing_api) -> None:
    port = refusing_api.server_address[1]
    result = seller_bot(tmp_path, "run", TELEGRAM_BOT_TOKEN=WELL_FORMED_TOKEN,
                        TELEGRAM_API_URL=f"http://127.0.0.1:{port}",
                        DATABASE_URL=sqlite_url(tmp_path))
    assert refusing_api.paths, "the bot never called the Bot API"
    assert refusing_api.paths[0] == f"/bot{WELL_FORMED_TOKEN}/getMe"
    assert result.returncode == 2, (result.returncode, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert lines, "nothing on stderr"
    assert lines[-1].startswith("seller-bot:"), result.stderr
    assert "TELEGRAM_BOT_TOKEN" in lines[-1], result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    # The logs never show the token (bot/logs.py), not even inside an error.
    assert WELL_FORMED_TOKEN.split(":")[1] not in result.stderr + result.stdout


def test_run_without_token_starts_the_terminal_chat(tmp_path: Path) -> None:
    result = seller_bot(tmp_path, "run", stdin="/start\n#2\n/quit\n",
                        DATABASE_URL=sqlite_url(tmp_path))
    assert result.returncode == 0, result.stderr
    assert any(line.startswith("TELEGRAM_BOT_TOKEN is not set")
               for line in result.stdout.splitlines()), result.stdout
    assert "Do you agree?" in result.stdout  # button 2 = English
    assert "Traceback" not in result.stderr, result.stderr


_BUTTON = re.compile(r"\[(#\d+)\] (.+?)(?=\s{3}\[#\d+\]|$)")


def newest_button(stdout: str, label: str) -> str:
    """The number the terminal chat shows for the newest button whose label has ``label``."""
    found = None
    for line in stdout.splitlines():
        for number, text in _BUTTON.findall(line.strip()):
            if label in text:
                found = number
    assert found is not None, f"no button {label!r} in:\n{stdout}"
    return found


def test_chat_onboarding_through_the_terminal(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path)

    def chat(*lines: str) -> str:
        result = seller_bot(tmp_path, "chat", stdin="".join(f"{line}\n" for line in lines),
                            DATABASE_URL=url)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr, result.stderr
        return result.stdout

    # Press buttons by the numbers the terminal prints (nothing is stored before consent,
    # so the exploratory runs leave the database as it was).
    english = newest_button(chat("/start", "/quit"), "English")
    agree = newest_button(chat("/start", english, "/quit"), "I agree")
    out = chat("/start", english, agree, "Sunita Devi", "firozabad", "/quit")
    assert "Do you agree?" in out
    assert "What is your name?" in out
    assert "✓ Firozabad" in out, out


def test_terminal_chat_number_is_an_answer_not_a_button(sqlite_settings) -> None:
    """Issue 7 item 17: stock "2" typed while button 2 is ✖ Cancel stays an answer."""
    chat = TerminalChat(sqlite_settings, out=io.StringIO())
    chat.buttons = [("callback", "f|listing|stock|b|", 7), ("callback", "f|listing|stock|x|", 7)]
    typed = chat.update_for("2")
    assert typed.message.text == "2" and typed.callback_query is None
    pressed = chat.update_for("#2")
    assert pressed.callback_query.data == "f|listing|stock|x|"
    assert chat.update_for("#9") is None  # no such button: nothing is sent
    assert "no button #9" in chat.out.getvalue()


def test_terminal_chat_shows_a_message_to_someone_it_has_been(sqlite_settings) -> None:
    """Walking a relay as seller and facilitator in one terminal: after /as, what the
    outbox sends the seller (the facilitator's answer) is shown; other sellers' are not."""
    chat = TerminalChat(sqlite_settings, out=io.StringIO())
    seller = chat.user["id"]
    assert chat.update_for("/as 4441002") is None
    chat._show(Call("sendMessage", {"chat_id": seller, "text": "✍ Your facilitator entered"}))
    chat._show(Call("sendMessage", {"chat_id": 987654, "text": "📣 A broadcast"}))
    shown = chat.out.getvalue()
    assert f"[to {seller}] ✍ Your facilitator entered" in shown
    assert "A broadcast" not in shown


class _Junk(http.server.BaseHTTPRequestHandler):
    """A Bot API address that answers like a misconfigured proxy."""

    STATUS, BODY, TYPE = 200, b"<html><body>It works!</body></html>", "text/html"

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self.send_response(self.STATUS)
        self.send_header("Content-Type", self.TYPE)
        self.send_header("Content-Length", str(len(self.BODY)))
        self.end_headers()
        self.wfile.write(self.BODY)

    do_GET = do_POST = _answer

    def log_message(self, *args) -> None:
        pass


class _BadGateway(_Junk):
    STATUS, BODY = 502, b"<html>502 Bad Gateway</html>"


@pytest.mark.parametrize("handler", [_Junk, _BadGateway])
def test_api_url_answering_html_or_502_is_one_line(tmp_path: Path, handler) -> None:
    """Issue 7 item 12."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        result = seller_bot(tmp_path, "run", TELEGRAM_BOT_TOKEN=WELL_FORMED_TOKEN,
                            TELEGRAM_API_URL=f"http://127.0.0.1:{server.server_address[1]}",
                            DATABASE_URL=sqlite_url(tmp_path))
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("seller-bot:") and "TELEGRAM_API_URL" in last, result.stderr
    # Before it, only the start-up log lines (the schema upgrade): no error dump.
    assert " ERROR " not in result.stderr, result.stderr


def test_database_path_under_a_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x")
    result = seller_bot(tmp_path, "db", "upgrade",
                        DATABASE_URL=f"sqlite:///{tmp_path}/afile/haat.db")
    assert_one_line_error(result, "DATABASE_URL")
    assert "not a folder" in result.stderr
