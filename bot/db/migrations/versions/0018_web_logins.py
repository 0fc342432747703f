"""web_logins and staff_audit: one-time login links to the staff web page, and the log of
what staff did there

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07 17:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'web_logins',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('telegram_id', sa.BigInteger(), nullable=False),
        sa.Column('language', sa.String(length=5), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('token_hash'),
    )
    op.create_table(
        'staff_audit',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('telegram_id', sa.BigInteger(), nullable=False),
        sa.Column('action', sa.String(length=32), nullable=False),
        sa.Column('seller_id', sa.Integer(), nullable=True),
        sa.Column('detail', sa.String(length=200), nullable=True),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_staff_audit_telegram_id', 'staff_audit', ['telegram_id'])
    op.create_index('ix_staff_audit_at', 'staff_audit', ['at'])


def downgrade() -> None:
    op.drop_index('ix_staff_audit_at', table_name='staff_audit')
    op.drop_index('ix_staff_audit_telegram_id', table_name='staff_audit')
    op.drop_table('staff_audit')
    op.drop_table('web_logins')
