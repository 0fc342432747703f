"""The migrations build the schema the models declare (columns, types, indexes), on SQLite
and PostgreSQL: a model changed without its migration, or the other way, fails here."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from bot.db.engine import sync_url, upgrade
from bot.db.models import Base


def test_the_migrations_build_what_the_models_declare(empty_database_url) -> None:
    upgrade(empty_database_url)
    engine = create_engine(sync_url(empty_database_url))
    try:
        with engine.connect() as conn:
            differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    finally:
        engine.dispose()
    assert differences == []
