"""``seller-bot backup FILE`` and ``seller-bot restore FILE``.

SQLite: the online backup API (``sqlite3.Connection.backup``), a consistent copy while the
bot runs; the file is an ordinary SQLite database. PostgreSQL: ``pg_dump`` in its custom
format and ``pg_restore`` (PostgreSQL's client tools, of the server's version or newer).
A backup holds sellers' personal data, so the file is readable by its owner only, and is
written under another name first: a failed backup never leaves half a file under FILE.
Restore goes into a new, empty database unless ``replace``. Errors are one line
(``DatabaseError``), never the password.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import URL, make_url

from bot.db.engine import DatabaseError, sync_url

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_CUSTOM_MAGIC = b"PGDMP"


def _sqlite_path(url: URL) -> Path:
    if url.database in (None, "", ":memory:"):
        raise DatabaseError("DATABASE_URL names an in-memory SQLite database: nothing to "
                            "back up or restore")
    return Path(url.database)


def _temporary(file: Path) -> Path:
    return file.with_name(f".{file.name}.partial")


def _private(path: Path) -> None:
    path.touch(mode=0o600, exist_ok=True)
    path.chmod(0o600)


def _libpq(url: URL) -> tuple[str, dict[str, str]]:
    """A libpq address without the password, and the environment that carries it (an
    argument would show in ``ps``)."""
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    address = url.set(drivername="postgresql", password=None)
    return address.render_as_string(hide_password=False), env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise DatabaseError(f"{name} is not installed: install PostgreSQL's client tools of "
                            f"the server's version or newer (Debian: apt install "
                            f"postgresql-client)")
    return found


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        first = lines[0] if lines else f"exit code {result.returncode}"
        raise DatabaseError(f"{Path(command[0]).name} failed: {first}")


def _magic(file: Path) -> bytes:
    if not file.is_file():
        raise DatabaseError(f"no backup file at {file}")
    with file.open("rb") as handle:
        return handle.read(16)


def has_tables(database_url: str) -> bool:
    """Does the database already hold Haat's tables (or any migration record)?"""
    engine = create_engine(sync_url(database_url))
    try:
        with engine.connect() as connection:
            names = set(inspect(connection).get_table_names())
    except Exception as exc:
        text = str(getattr(exc, "orig", None) or exc).strip().splitlines()
        raise DatabaseError(f"Cannot use the database in DATABASE_URL: "
                            f"{text[0] if text else type(exc).__name__}") from exc
    finally:
        engine.dispose()
    return bool(names & {"alembic_version", "sellers"})


def _sqlite_copy(source_path: Path, target_path: Path) -> None:
    """SQLite's online backup API: a consistent copy, also while another process writes."""
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    target = sqlite3.connect(target_path)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def backup(database_url: str, file: Path) -> None:
    url = make_url(database_url)
    file = Path(file)
    if not file.parent.is_dir():
        raise DatabaseError(f"cannot write the backup: no folder {file.parent}")
    partial = _temporary(file)
    partial.unlink(missing_ok=True)
    _private(partial)
    try:
        if url.get_backend_name() == "sqlite":
            source_path = _sqlite_path(url)
            if not source_path.is_file():
                raise DatabaseError(f"no SQLite database at {source_path}")
            _sqlite_copy(source_path, partial)
        else:
            address, env = _libpq(url)
            _run([_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
                  f"--file={partial}", f"--dbname={address}"], env)
        partial.replace(file)
    except sqlite3.Error as exc:
        raise DatabaseError(f"SQLite backup failed: {exc}") from exc
    finally:
        partial.unlink(missing_ok=True)


def restore(database_url: str, file: Path, *, replace: bool = False) -> None:
    url = make_url(database_url)
    file = Path(file)
    magic = _magic(file)
    postgres = url.get_backend_name() == "postgresql"
    if postgres and magic.startswith(SQLITE_MAGIC):
        raise DatabaseError(f"{file} is a SQLite backup, but DATABASE_URL is PostgreSQL")
    if not postgres and magic.startswith(PG_CUSTOM_MAGIC):
        raise DatabaseError(f"{file} is a PostgreSQL backup, but DATABASE_URL is SQLite")
    if not magic.startswith(SQLITE_MAGIC if not postgres else PG_CUSTOM_MAGIC):
        raise DatabaseError(f"{file} is not a backup made by seller-bot backup")
    if not postgres:
        target_path = _sqlite_path(url)
        if target_path.is_file() and not replace and has_tables(database_url):
            raise DatabaseError(f"{target_path} already holds Haat's tables; restore into a "
                                f"new database, or add --replace to overwrite it")
        target_path.parent.mkdir(parents=True, exist_ok=True)
        try:
            _sqlite_copy(file, target_path)
        except sqlite3.Error as exc:
            raise DatabaseError(f"SQLite restore failed: {exc}") from exc
        return
    tool = _tool("pg_restore")
    if not replace and has_tables(database_url):
        raise DatabaseError("the database in DATABASE_URL already holds Haat's tables; "
                            "restore into a new database, or add --replace to overwrite it")
    address, env = _libpq(url)
    _run([tool, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
          *(["--clean", "--if-exists"] if replace else []), f"--dbname={address}",
          str(file)], env)
