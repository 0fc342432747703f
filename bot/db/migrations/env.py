"""Alembic environment: runs migrations with the synchronous driver for DATABASE_URL."""

from alembic import context
from sqlalchemy import create_engine, event, pool

from bot.db.engine import use_wal
from bot.db.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_offline() -> None:
    context.configure(url=config.get_main_option("sqlalchemy.url"),
                      target_metadata=target_metadata, literal_binds=True,
                      render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = create_engine(config.get_main_option("sqlalchemy.url"), poolclass=pool.NullPool)
    if engine.dialect.name == "sqlite":
        # The file is in WAL mode from its first migration, before two processes open it.
        event.listen(engine, "connect", lambda connection, _record: use_wal(connection))
    with engine.connect() as connection:
        # render_as_batch lets later migrations alter SQLite tables.
        context.configure(connection=connection, target_metadata=target_metadata,
                          render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
