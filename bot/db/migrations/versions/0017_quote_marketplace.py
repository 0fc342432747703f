"""price_quotes.marketplace: a Walmart quote becomes the export price, never the domestic one

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-10 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('price_quotes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('marketplace', sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('price_quotes', schema=None) as batch_op:
        batch_op.drop_column('marketplace')
