"""Engines, transactions and migrations.

PostgreSQL (production, several processes) is used through SQLAlchemy's asyncio layer with
psycopg. SQLite (a laptop or a small VM, one bot process) is used synchronously inside the
event loop: a local file answers in microseconds, and a thread hop per statement would cost
more than the statement (see ``make bench``). Services see one interface either way:
``await session.execute(statement)`` on a connection inside one transaction.
Alembic migrates with the synchronous driver of either.

Another process may hold SQLite's write lock (a backup, the sqlite3 CLI, ``seller-bot`` run
twice). The driver's own wait (busy_timeout) would stop the event loop, and every chat with
it, so it is kept to a few milliseconds: a transaction that cannot take the lock at BEGIN
IMMEDIATE waits with ``asyncio.sleep`` and tries again, for up to ``LOCK_WAIT`` seconds, or
as long as it takes for a seller's update (``wait=None``: the seller is told the answer is
coming, bot/runtime/waiting.py, and never gets "Sorry" for a lock).
Once BEGIN IMMEDIATE succeeded the transaction holds the lock and no statement in it waits.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine as create_sync_engine
from sqlalchemy import event, text
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class DatabaseError(Exception):
    """The database cannot be reached or used; str(error) is one line for the operator."""


def _url(database_url: str) -> URL:
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        parent = Path(url.database).parent
        blocking = next((p for p in (parent, *parent.parents) if p.exists() and not p.is_dir()),
                        None)
        if blocking is not None:
            raise DatabaseError(f"Cannot use the database in DATABASE_URL: {blocking} is a "
                                "file, not a folder")
        parent.mkdir(parents=True, exist_ok=True)
    return url


def async_url(database_url: str) -> URL:
    return _url(database_url).set(drivername="postgresql+psycopg")


def sync_url(database_url: str) -> URL:
    url = _url(database_url)
    if url.get_backend_name() == "sqlite":
        return url.set(drivername="sqlite")
    return url.set(drivername="postgresql+psycopg")


BUSY_TIMEOUT_MS = 5  # the longest the driver may block the event loop on one attempt
LOCK_WAIT = 120.0  # seconds an update waits for another process's write lock


WAL_SWITCH_TRIES = 40  # x 50 ms: how long a new connection waits for another's switch to WAL


def use_wal(dbapi_connection) -> None:
    """Put the file in WAL mode (it stays so). SQLite takes the exclusive lock for the switch
    without its busy handler: two processes opening a file still in rollback mode at once get
    "database is locked" at once (seen in CI with two ``seller-bot run``). So retry briefly;
    once one of them has switched, the pragma is a no-op for the other. This runs only when a
    connection opens (once per process, see ``Database._idle``)."""
    for attempt in range(WAL_SWITCH_TRIES):
        try:
            dbapi_connection.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if not _is_locked(exc) or attempt == WAL_SWITCH_TRIES - 1:
                raise
            time.sleep(0.05)


def _tune_sqlite(sync_engine, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
    """WAL for concurrent readers; BEGIN IMMEDIATE so two writers queue instead of failing."""

    @event.listens_for(sync_engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (below)
        use_wal(dbapi_connection)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        # Deleted rows are overwritten with zeros: /delete leaves nothing in free pages.
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.close()

    @event.listens_for(sync_engine, "begin")
    def _on_begin(connection) -> None:
        # Straight to the driver: this runs on every update (see make bench).
        connection.connection.driver_connection.execute("BEGIN IMMEDIATE")


class SyncConnection:
    """The async connection interface over a synchronous one (SQLite, in the loop)."""

    def __init__(self, connection: Connection):
        self.sync_connection = connection

    @property
    def dialect(self) -> Any:
        return self.sync_connection.dialect

    async def execute(self, statement: Any, params: Any = None) -> Any:
        return self.sync_connection.execute(statement, params)


def _is_locked(exc: BaseException) -> bool:
    text = str(getattr(exc, "orig", None) or exc).lower()
    return "database is locked" in text or "database is busy" in text


class Database:
    def __init__(self, database_url: str, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS):
        """``busy_timeout_ms``: SQLite only; ``make bench`` passes 10000 to measure how the
        driver's own wait used to stall the event loop."""
        url = sync_url(database_url)
        self.is_postgres = url.get_backend_name() == "postgresql"
        self._sync: Engine | None = None
        self._async: AsyncEngine | None = None
        if self.is_postgres:
            # hide_parameters: a failed statement's message must not carry personal data.
            self._async = create_async_engine(async_url(database_url), pool_pre_ping=True,
                                              pool_size=10, max_overflow=10,
                                              hide_parameters=True)
        else:
            # Every transaction ends in COMMIT or ROLLBACK, so the pool need not reset.
            self._sync = create_sync_engine(url, hide_parameters=True,
                                            pool_reset_on_return=None)
            _tune_sqlite(self._sync, busy_timeout_ms)
            self._writer = asyncio.Lock()
            # The last transaction's connection, kept for the next one after a commit: one
            # transaction at a time (``_writer``), so taking it from the pool and giving it
            # back on every update only cost time (a twentieth of a form step, make bench).
            self._idle: Connection | None = None

    @asynccontextmanager
    async def transaction(self, *, wait: float | None = LOCK_WAIT,
                          on_wait: Callable[[], None] | None = None) -> AsyncIterator[Any]:
        """One transaction: committed when the block ends, rolled back if it raises.
        ``wait``: SQLite, seconds to wait for another process's write lock before raising;
        None waits as long as it takes. ``on_wait()``: called once if the transaction cannot
        begin at once (SQLite: another update or process holds the write lock), so that a
        caller pays for a "still waiting" timer only when there is a wait."""
        if self._async is not None:
            async with self._async.begin() as connection:
                yield connection
        else:
            if on_wait is not None and self._writer.locked():
                on_wait()
                on_wait = None
            # One writer at a time in this process, queued fairly: when another process
            # lets go of the lock, the waiting updates run one by one with the event loop
            # turning in between, not as one long burst.
            async with self._writer:
                connection, transaction = await self._sqlite_begin(wait, on_wait)
                committed = False
                try:
                    yield SyncConnection(connection)
                except BaseException:
                    transaction.rollback()
                    raise
                else:
                    transaction.commit()
                    committed = True
                finally:
                    if committed and self._idle is None:
                        self._idle = connection
                    else:  # after any failure a fresh one from the pool, as before
                        connection.close()

    async def _sqlite_begin(self, wait: float | None, on_wait: Callable[[], None] | None = None
                            ) -> tuple[Connection, Any]:
        """Take the write lock without blocking the event loop (see the module docstring)."""
        assert self._sync is not None
        deadline = time.monotonic() + wait if wait is not None else float("inf")
        delay = 0.002
        while True:
            connection, self._idle = self._idle or self._sync.connect(), None
            try:
                return connection, connection.begin()
            except Exception as exc:
                connection.close()
                if not _is_locked(exc) or time.monotonic() + delay > deadline:
                    raise
            if on_wait is not None:
                on_wait()
                on_wait = None
            await asyncio.sleep(delay)  # other chats run meanwhile
            delay = min(delay * 2, 0.05)

    async def try_advisory_lock(self, key: int) -> Any | None:
        """PostgreSQL: take the session advisory lock ``key`` on a connection of its own and
        return that connection (the lock lives as long as it does, and goes with the process
        if it dies); None if another session holds it. SQLite (one process): ``True``."""
        if self._async is None:
            return True
        connection = await self._async.connect()
        await connection.execution_options(isolation_level="AUTOCOMMIT")
        got = (await connection.execute(text("SELECT pg_try_advisory_lock(:k)"),
                                        {"k": key})).scalar()
        if got:
            return connection
        await connection.close()
        return None

    async def release_advisory_lock(self, holder: Any, key: int) -> None:
        if holder is True or holder is None:
            return
        try:
            await holder.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
        finally:
            await holder.close()

    async def dispose(self) -> None:
        if self._async is not None:
            await self._async.dispose()
        if self._sync is not None:
            if self._idle is not None:
                self._idle.close()
                self._idle = None
            self._sync.dispose()


def alembic_config(database_url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    # ConfigParser interpolation would choke on % in passwords.
    cfg.set_main_option("sqlalchemy.url",
                        sync_url(database_url).render_as_string(hide_password=False)
                        .replace("%", "%%"))
    return cfg


def upgrade(database_url: str, revision: str = "head") -> None:
    """Bring the schema up to date; raise DatabaseError with one clear line on failure."""
    try:
        command.upgrade(alembic_config(database_url), revision)
    except Exception as exc:  # driver errors differ per backend; the operator needs one line
        raise DatabaseError(describe_db_error(exc)) from exc


def describe_db_error(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    first = text[0] if text else type(exc).__name__
    return f"Cannot use the database in DATABASE_URL: {first}"
