"""product checklists (ticks and label facts per product)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 06:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('product_checklists',
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('seller_id', sa.Integer(), nullable=False),
    sa.Column('ticks', sa.JSON(), nullable=False),
    sa.Column('label', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['seller_id'], ['sellers.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('product_id')
    )
    with op.batch_alter_table('product_checklists', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_product_checklists_seller_id'), ['seller_id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('product_checklists', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_product_checklists_seller_id'))
    op.drop_table('product_checklists')
