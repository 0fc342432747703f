"""workshops and RSVPs

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 05:52:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('workshops',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title_en', sa.String(length=120), nullable=False),
    sa.Column('title_hi', sa.String(length=120), nullable=False),
    sa.Column('description_en', sa.Text(), nullable=False),
    sa.Column('description_hi', sa.Text(), nullable=False),
    sa.Column('organiser', sa.String(length=16), nullable=False),
    sa.Column('topic', sa.String(length=100), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('place', sa.String(length=300), nullable=True),
    sa.Column('online_url', sa.String(length=300), nullable=True),
    sa.Column('districts', sa.JSON(), nullable=False),
    sa.Column('crafts', sa.JSON(), nullable=False),
    sa.Column('session_language', sa.String(length=8), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('reminder_minutes', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('checkin_code', sa.String(length=16), nullable=False),
    sa.Column('created_by', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('checkin_code')
    )
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshops_starts_at'), ['starts_at'], unique=False)

    op.create_table('workshop_rsvps',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('seller_id', sa.Integer(), nullable=False),
    sa.Column('answer', sa.String(length=8), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('attended_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('feedback_score', sa.Integer(), nullable=True),
    sa.Column('feedback_comment', sa.String(length=500), nullable=True),
    sa.ForeignKeyConstraint(['seller_id'], ['sellers.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('workshop_id', 'seller_id')
    )
    with op.batch_alter_table('workshop_rsvps', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshop_rsvps_seller_id'), ['seller_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_workshop_rsvps_workshop_id'), ['workshop_id'],
                              unique=False)


def downgrade() -> None:
    op.drop_table('workshop_rsvps')
    op.drop_table('workshops')
