"""broadcasts (staff messages to a district's sellers) help_messages (the relay)
and nudge_settings

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-28 07:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('broadcasts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_by', sa.BigInteger(), nullable=False),
    sa.Column('district_code', sa.String(length=40), nullable=False),
    sa.Column('craft_key', sa.String(length=60), nullable=True),
    sa.Column('text_en', sa.Text(), nullable=False),
    sa.Column('text_hi', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('audience', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('help_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seller_id', sa.Integer(), nullable=False),
    sa.Column('staff_telegram_id', sa.BigInteger(), nullable=False),
    sa.Column('from_staff', sa.Boolean(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['seller_id'], ['sellers.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('help_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_help_messages_seller_id'), ['seller_id'],
                              unique=False)


    op.create_table('nudge_settings',
    sa.Column('seller_id', sa.Integer(), nullable=False),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_planned_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['seller_id'], ['sellers.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('seller_id')
    )


def downgrade() -> None:
    op.drop_table('nudge_settings')
    with op.batch_alter_table('help_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_help_messages_seller_id'))
    op.drop_table('help_messages')
    op.drop_table('broadcasts')
