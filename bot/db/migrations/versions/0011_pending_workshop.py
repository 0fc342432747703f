"""sellers.pending_workshop_id: the workshop a seller's deep link (start=w_<id>) named,
shown once onboarding is done

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-28 09:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sellers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pending_workshop_id', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('sellers', schema=None) as batch_op:
        batch_op.drop_column('pending_workshop_id')
