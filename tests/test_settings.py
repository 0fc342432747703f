"""``load_settings``: defaults, parsing, and one clear line for every wrong value."""

from __future__ import annotations

import pytest

from bot.settings import ConfigError, Settings, load_settings

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


def load(**environ: str) -> Settings:
    return load_settings(environ=environ, env_file=None)


def test_defaults() -> None:
    settings = load()
    assert settings.token is None
    assert settings.api_url == "https://api.telegram.org"
    assert settings.bot_base_url == "https://api.telegram.org/bot"
    assert settings.file_base_url == "https://api.telegram.org/file/bot"
    assert settings.database_url == "sqlite:///data/haat.db"
    assert settings.admin_ids == frozenset()
    assert settings.webhook_url is None
    assert settings.webhook_secret is None
    assert settings.port == 8443
    assert settings.log_level == "INFO"
    assert settings.tz == "Asia/Kolkata"


def test_blank_values_mean_unset() -> None:
    settings = load(TELEGRAM_BOT_TOKEN="  ", DATABASE_URL="", PORT=" ", TZ="")
    assert settings.token is None
    assert settings.database_url == "sqlite:///data/haat.db"
    assert settings.port == 8443
    assert settings.tz == "Asia/Kolkata"


def test_valid_values_are_kept() -> None:
    settings = load(TELEGRAM_BOT_TOKEN=f" {TOKEN} ",
                    TELEGRAM_API_URL="http://127.0.0.1:8081/",
                    DATABASE_URL="postgresql+psycopg://haat@db.example/haat",
                    WEBHOOK_URL="https://bot.example.in/hook",
                    WEBHOOK_SECRET="s3cret_-X", PORT="8080", LOG_LEVEL="debug",
                    TZ="Europe/London")
    assert settings.token == TOKEN
    assert settings.api_url == "http://127.0.0.1:8081"  # trailing slash stripped
    assert settings.bot_base_url == "http://127.0.0.1:8081/bot"
    assert settings.file_base_url == "http://127.0.0.1:8081/file/bot"
    assert settings.database_url == "postgresql+psycopg://haat@db.example/haat"
    assert settings.webhook_url == "https://bot.example.in/hook"
    assert settings.webhook_secret == "s3cret_-X"
    assert settings.port == 8080
    assert settings.log_level == "DEBUG"
    assert settings.tz == "Europe/London"


def test_api_url_with_a_path_keeps_the_path() -> None:
    settings = load(TELEGRAM_API_URL="https://proxy.example/telegram/")
    assert settings.bot_base_url == "https://proxy.example/telegram/bot"
    assert settings.file_base_url == "https://proxy.example/telegram/file/bot"


def test_sqlite_url_is_accepted() -> None:
    assert load(DATABASE_URL="sqlite:////var/lib/haat/haat.db").database_url == \
        "sqlite:////var/lib/haat/haat.db"


@pytest.mark.parametrize("raw", ["1, 2 3", "1,2,3", " 3 ,, 2\t1 ", "1\n2\n3"])
def test_admin_ids_are_parsed(raw: str) -> None:
    assert load(ADMIN_IDS=raw).admin_ids == frozenset({1, 2, 3})


@pytest.mark.parametrize("variable, value", [
    ("TELEGRAM_BOT_TOKEN", "garbage"),
    ("TELEGRAM_BOT_TOKEN", "123456:short"),
    ("TELEGRAM_BOT_TOKEN", "abc:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"),
    ("TELEGRAM_BOT_TOKEN", "123456:AAHdqTcvCH1vGWJx fSeofSAs0K5PALDsaw"),
    ("TELEGRAM_API_URL", "api.telegram.org"),
    ("TELEGRAM_API_URL", "127.0.0.1:8081"),
    ("TELEGRAM_API_URL", "ftp://api.telegram.org"),
    ("TELEGRAM_API_URL", "https://api.telegram.org/bot"),
    ("TELEGRAM_API_URL", "https://api.telegram.org/bot/"),
    ("TELEGRAM_API_URL", "http://127.0.0.1:8081/file/bot"),
    ("DATABASE_URL", "mysql://x"),
    ("DATABASE_URL", "not a url"),
    ("ADMIN_IDS", "12,abc"),
    ("ADMIN_IDS", "12;13"),
    ("WEBHOOK_URL", "http://bot.example.in/hook"),
    ("WEBHOOK_URL", "bot.example.in/hook"),
    ("WEBHOOK_SECRET", "has spaces in it"),
    ("WEBHOOK_SECRET", "x" * 257),
    ("PORT", "0"),
    ("PORT", "70000"),
    ("PORT", "abc"),
    ("PORT", "-1"),
    ("LOG_LEVEL", "LOUD"),
    ("TZ", "Mars/Base"),
    ("INBOX_KEEP_MINUTES", "0"),
    ("INBOX_KEEP_MINUTES", "1h"),
    ("INBOX_KEEP_MINUTES", "10081"),
    ("INBOX_LEASE_SECONDS", "0"),
    ("INBOX_LEASE_SECONDS", "-5"),
])
def test_wrong_value_is_one_line_naming_the_variable(variable: str, value: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load(**{variable: value})
    message = str(caught.value)
    assert message.strip(), "empty message"
    assert "\n" not in message and "\r" not in message, message
    assert variable in message, message


def test_secret_and_port_limits_are_inclusive() -> None:
    assert load(WEBHOOK_SECRET="x" * 256).webhook_secret == "x" * 256
    assert load(PORT="1").port == 1
    assert load(PORT="65535").port == 65535
    assert load(INBOX_KEEP_MINUTES="10080").inbox_keep_minutes == 10080
    assert load(INBOX_LEASE_SECONDS="1").inbox_lease_seconds == 1


def test_env_file_is_read_and_environ_wins(tmp_path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(f"TELEGRAM_BOT_TOKEN={TOKEN}\n"
                        "PORT=9000\n"
                        "LOG_LEVEL=WARNING\n"
                        "# a comment\n"
                        "ADMIN_IDS=\"5, 6\"\n", encoding="utf-8")
    settings = load_settings(environ={"PORT": "9001"}, env_file=env_file)
    assert settings.token == TOKEN          # from the file
    assert settings.log_level == "WARNING"  # from the file
    assert settings.admin_ids == frozenset({5, 6})
    assert settings.port == 9001            # the environment wins


def test_wrong_value_in_env_file_is_reported(tmp_path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("PORT=http\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="PORT"):
        load_settings(environ={}, env_file=env_file)
    # ... unless the environment overrides it.
    assert load_settings(environ={"PORT": "8000"}, env_file=env_file).port == 8000


def test_missing_env_file_is_fine(tmp_path) -> None:
    settings = load_settings(environ={}, env_file=tmp_path / "absent.env")
    assert settings == Settings()


def test_logs_mask_personal_data_and_token_even_in_tracebacks() -> None:
    import logging

    from bot.logs import RedactingFormatter

    formatter = RedactingFormatter("%(message)s")
    try:
        raise ValueError("token 123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA from +91 98765 43210")
    except ValueError:
        import sys

        record = logging.LogRecord("t", logging.ERROR, __file__, 1,
                                   "seller 09AAACH7409R1ZZ mail a.b@example.com PAN ABCPE1234F",
                                   None, sys.exc_info())
    out = formatter.format(record)
    for secret in ("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "98765", "09AAACH7409R1ZZ",
                   "a.b@example.com", "ABCPE1234F"):
        assert secret not in out
    assert "<token>" in out and "<phone>" in out and "Traceback" in out
