"""price_quotes.marketplace: a Walmart quote becomes the export price, never the domestic one

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-10 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('price_quotes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('marketplace', sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('price_quotes', schema=None) as batch_op:
        batch_op.drop_column('marketplace')
