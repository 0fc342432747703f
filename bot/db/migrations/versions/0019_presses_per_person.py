"""presses kept per Telegram user, not per seller: staff without a seller row press once too

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-11 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('presses_new',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('telegram_id', sa.BigInteger(), nullable=False),
    sa.Column('message_id', sa.BigInteger(), nullable=False),
    sa.Column('data', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('telegram_id', 'message_id', 'data')
    )
    # The presses of the last day keep their meaning: a tap in flight stays "Already done".
    op.execute("INSERT INTO presses_new (telegram_id, message_id, data, created_at) "
               "SELECT s.telegram_id, p.message_id, p.data, p.created_at "
               "FROM presses p JOIN sellers s ON s.id = p.seller_id")
    op.drop_table('presses')
    op.rename_table('presses_new', 'presses')


def downgrade() -> None:
    op.create_table('presses_old',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seller_id', sa.Integer(), nullable=False),
    sa.Column('message_id', sa.BigInteger(), nullable=False),
    sa.Column('data', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['seller_id'], ['sellers.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('seller_id', 'message_id', 'data')
    )
    op.execute("INSERT INTO presses_old (seller_id, message_id, data, created_at) "
               "SELECT s.id, p.message_id, p.data, p.created_at "
               "FROM presses p JOIN sellers s ON s.telegram_id = p.telegram_id")
    op.drop_table('presses')
    op.rename_table('presses_old', 'presses')
