"""``seller-bot backup`` and ``restore``: back up, restore into a new database, and find
every seller, product, workshop answer and queued message (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, insert, select, text
from sqlalchemy.engine import make_url

from bot.db import sellers
from bot.db.backup import restore
from bot.db.engine import Database, DatabaseError, sync_url
from bot.db.models import OutboxMessage, Product, Rsvp, Seller, Workshop
from bot.outbox import notices
from tests.test_cli import seller_bot

NOW = datetime(2026, 12, 1, 4, 30, tzinfo=UTC)


async def _fill(database_url: str) -> None:
    database = Database(database_url)
    try:
        async with database.transaction() as session:
            ids = []
            for i in range(3):
                seller, _ = await sellers.create(session, 8_100_000 + i, 8_100_000 + i,
                                                 "hi" if i % 2 else "en")
                ids.append(seller.id)
            await session.execute(insert(Product), [
                {"seller_id": ids[0], "status": "ready", "answers": {"title": "दरी"},
                 "photos": []},
                {"seller_id": ids[1], "status": "sent", "answers": {"title": "Glass bangles"},
                 "photos": [{"file_id": "x"}]}])
            workshop = (await session.execute(insert(Workshop).values(
                title_en="Packing", title_hi="पैकिंग", organiser="odop", topic="packing",
                starts_at=NOW + timedelta(days=3), duration_minutes=90, districts=["agra"],
                session_language="hi", capacity=20, reminder_minutes=[1440, 60],
                status="published", checkin_code="K7P2").returning(Workshop.id))).scalar()
            await session.execute(insert(Rsvp), [
                {"workshop_id": workshop, "seller_id": ids[0], "answer": "going"},
                {"workshop_id": workshop, "seller_id": ids[2], "answer": "no"}])
            await notices.enqueue(session, key="r:1", seller_id=ids[0],
                                  texts={"en": "Tomorrow", "hi": "कल"},
                                  due_at=NOW + timedelta(days=2), now=NOW)
    finally:
        await database.dispose()


def _contents(database_url: str) -> dict[str, list]:
    engine = create_engine(sync_url(database_url))
    try:
        with engine.connect() as connection:
            def rows(*columns):
                return sorted(tuple(r) for r in connection.execute(select(*columns)))
            return {
                "sellers": rows(Seller.telegram_id, Seller.language),
                "products": rows(Product.status, Product.answers["title"].as_string()),
                "rsvps": rows(Rsvp.answer, Rsvp.seller_id),
                "outbox": rows(OutboxMessage.dedupe_key, OutboxMessage.status,
                               OutboxMessage.payload["texts"]["hi"].as_string()),
            }
    finally:
        engine.dispose()


def _scratch_postgres(url: str) -> str:
    """A database of its own beside the test database (<name>_restore), made empty."""
    scratch = make_url(url).set(database=f"{make_url(url).database}_restore")
    engine = create_engine(sync_url(url), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{scratch.database}" '
                                    f"WITH (FORCE)"))
            connection.execute(text(f'CREATE DATABASE "{scratch.database}"'))
    finally:
        engine.dispose()
    return scratch.render_as_string(hide_password=False)


def _drop_postgres(url: str, scratch: str) -> None:
    engine = create_engine(sync_url(url), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{make_url(scratch).database}" '
                                    f"WITH (FORCE)"))
    finally:
        engine.dispose()


@pytest.mark.db
def test_backup_then_restore_into_a_new_database_keeps_everything(database_url,
                                                                   tmp_path) -> None:
    asyncio.run(_fill(database_url))
    before = _contents(database_url)
    assert [len(before[k]) for k in ("sellers", "products", "rsvps", "outbox")] == [3, 2, 2, 1]
    assert ("r:1", "pending", "कल") in before["outbox"]

    file = tmp_path / "haat.backup"
    result = seller_bot(tmp_path, "backup", str(file), DATABASE_URL=database_url)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(file.stat().st_mode) == 0o600  # personal data: the owner only
    assert not list(tmp_path.glob(".*partial"))

    postgres = make_url(database_url).get_backend_name() == "postgresql"
    target = _scratch_postgres(database_url) if postgres else f"sqlite:///{tmp_path}/new.db"
    try:
        result = seller_bot(tmp_path, "restore", str(file), DATABASE_URL=target)
        assert result.returncode == 0, result.stderr
        assert _contents(target) == before
        # Restoring again over it is refused without --replace, and works with it.
        again = seller_bot(tmp_path, "restore", str(file), DATABASE_URL=target)
        assert again.returncode == 2
        assert again.stderr.strip().endswith("restore into a new database, or add "
                                             "--replace to overwrite it"), again.stderr
        again = seller_bot(tmp_path, "restore", str(file), "--replace", DATABASE_URL=target)
        assert again.returncode == 0, again.stderr
        assert _contents(target) == before
        health = seller_bot(tmp_path, "health", DATABASE_URL=target)
        assert "ok   migrations" in health.stdout, health.stdout
    finally:
        if postgres:
            _drop_postgres(database_url, target)


def test_wrong_files_and_missing_tools_are_one_line(tmp_path) -> None:
    sqlite = f"sqlite:///{tmp_path}/x.db"
    (tmp_path / "notes.txt").write_text("hello")
    cases = [
        (("restore", "missing.backup"), sqlite, "no backup file at missing.backup"),
        (("restore", "notes.txt"), sqlite, "notes.txt is not a backup made by seller-bot"),
        (("backup", "b.db"), sqlite, f"no SQLite database at {tmp_path}/x.db"),
        (("backup", "no/such/folder/b"), sqlite, "cannot write the backup: no folder"),
    ]
    for args, url, expected in cases:
        result = seller_bot(tmp_path, *args, DATABASE_URL=url)
        assert result.returncode == 2, result
        assert len(result.stderr.splitlines()) == 1 and expected in result.stderr, result.stderr
    result = seller_bot(tmp_path, "backup", "b.dump", PATH="/nonexistent",
                        DATABASE_URL="postgresql+psycopg://haat:s3cret@127.0.0.1:1/haat")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "seller-bot: pg_dump is not installed: install PostgreSQL's client tools of the "
        "server's version or newer (Debian: apt install postgresql-client)")


def test_a_backup_is_not_restored_into_the_other_kind_of_database(tmp_path) -> None:
    dump = tmp_path / "pg.dump"
    dump.write_bytes(b"PGDMP\x01\x0e\x00" + bytes(100))
    with pytest.raises(DatabaseError, match="is a PostgreSQL backup, but DATABASE_URL is "
                       "SQLite"):
        restore(f"sqlite:///{tmp_path}/x.db", dump)
    lite = tmp_path / "lite.db"
    lite.write_bytes(b"SQLite format 3\x00" + bytes(100))
    with pytest.raises(DatabaseError, match="is a SQLite backup, but DATABASE_URL is "
                       "PostgreSQL"):
        restore("postgresql+psycopg://u@127.0.0.1:1/x", lite)
    assert not Path(tmp_path / "x.db").exists()
