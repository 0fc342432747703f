"""People who never count as sellers (testers, operators), staff members' names, and
sellers rows without consent (a staff member's chat: form state only, never a seller)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-10 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'uncounted',
        sa.Column('telegram_id', sa.BigInteger(), nullable=False),
        sa.Column('reason', sa.String(length=12), nullable=False),
        sa.Column('marked_by', sa.BigInteger(), nullable=True),
        sa.Column('marked_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('telegram_id'),
    )
    with op.batch_alter_table('sellers', schema=None) as batch_op:
        batch_op.alter_column('consented_at', existing_type=sa.DateTime(timezone=True),
                              nullable=True)
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name', sa.String(length=80), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.drop_column('name')
    op.execute("DELETE FROM sellers WHERE consented_at IS NULL")
    with op.batch_alter_table('sellers', schema=None) as batch_op:
        batch_op.alter_column('consented_at', existing_type=sa.DateTime(timezone=True),
                              nullable=False)
    op.drop_table('uncounted')
