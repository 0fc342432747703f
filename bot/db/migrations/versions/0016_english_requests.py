"""english_requests: seller lines waiting for a facilitator's English (issue 24)

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-10 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'english_requests',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('seller_id', sa.Integer(), nullable=False),
        sa.Column('product_id', sa.Integer(), nullable=False),
        sa.Column('district_code', sa.String(length=40), nullable=True),
        sa.Column('field', sa.String(length=12), nullable=False),
        sa.Column('line', sa.Text(), nullable=False),
        sa.Column('english', sa.Text(), nullable=True),
        sa.Column('status', sa.String(length=8), nullable=False),
        sa.Column('answered_by', sa.BigInteger(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['product_id'], ['products.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['seller_id'], ['sellers.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('product_id', 'field', 'line'),
    )
    with op.batch_alter_table('english_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_english_requests_seller_id'), ['seller_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_english_requests_district_code'),
                              ['district_code'], unique=False)


def downgrade() -> None:
    op.drop_table('english_requests')
