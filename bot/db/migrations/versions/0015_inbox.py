"""inbox: every update written before it is acknowledged (issue 22)

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('inbox',
    sa.Column('update_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('chat_id', sa.BigInteger(), nullable=True),
    sa.Column('user_id', sa.BigInteger(), nullable=True),
    sa.Column('payload', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('claimed_by', sa.String(length=64), nullable=True),
    sa.Column('lease_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('done_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('update_id')
    )
    with op.batch_alter_table('inbox', schema=None) as batch_op:
        batch_op.create_index('ix_inbox_chat_update', ['chat_id', 'update_id'], unique=False)
        batch_op.create_index('ix_inbox_open', ['status', 'update_id'], unique=False,
                              postgresql_where=sa.text("status <> 'done'"),
                              sqlite_where=sa.text("status <> 'done'"))
        batch_op.create_index(batch_op.f('ix_inbox_user_id'), ['user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_inbox_done_at'), ['done_at'], unique=False)


def downgrade() -> None:
    op.drop_table('inbox')
