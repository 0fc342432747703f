"""glossary_terms: a district's reviewed glossary words (issue 24); english_requests keeps
the bot's English a facilitator corrected

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-12 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'glossary_terms',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('district_code', sa.String(length=40), nullable=False),
        sa.Column('term', sa.String(length=120), nullable=False),
        sa.Column('term_key', sa.String(length=200), nullable=False),
        sa.Column('english', sa.String(length=120), nullable=False),
        sa.Column('kind', sa.String(length=12), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('shared', sa.Boolean(), nullable=False),
        sa.Column('request_id', sa.Integer(), nullable=True),
        sa.Column('proposed_by', sa.BigInteger(), nullable=False),
        sa.Column('reviewed_by', sa.BigInteger(), nullable=True),
        sa.Column('promoted_by', sa.BigInteger(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('promoted_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['request_id'], ['english_requests.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('glossary_terms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_glossary_terms_district_code'), ['district_code'],
                              unique=False)
    with op.batch_alter_table('english_requests', schema=None) as batch_op:
        batch_op.add_column(sa.Column('bot_english', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('english_requests', schema=None) as batch_op:
        batch_op.drop_column('bot_english')
    op.drop_table('glossary_terms')
