"""voice: voice_notes (a seller's voice note waiting for staff), entered_answers (answers
staff entered for a seller), voice_prompts (staff recordings per screen and district),
help_messages.voice_file_id

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-10 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('help_messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('voice_file_id', sa.String(length=200), nullable=True))
    op.create_table('voice_notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seller_id', sa.Integer(), nullable=False),
    sa.Column('file_id', sa.String(length=200), nullable=False),
    sa.Column('form_key', sa.String(length=40), nullable=True),
    sa.Column('field_key', sa.String(length=40), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('queued_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('handled_by', sa.BigInteger(), nullable=True),
    sa.Column('handled_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['seller_id'], ['sellers.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('voice_notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_voice_notes_seller_id'), ['seller_id'],
                              unique=False)
    op.create_table('entered_answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seller_id', sa.Integer(), nullable=False),
    sa.Column('form_key', sa.String(length=40), nullable=False),
    sa.Column('field_key', sa.String(length=40), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('entered_by', sa.BigInteger(), nullable=True),
    sa.Column('voice_note_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['seller_id'], ['sellers.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('entered_answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entered_answers_seller_id'), ['seller_id'],
                              unique=False)
    op.create_table('voice_prompts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('screen', sa.String(length=60), nullable=False),
    sa.Column('district_code', sa.String(length=40), nullable=False),
    sa.Column('file_id', sa.String(length=200), nullable=False),
    sa.Column('recorded_by', sa.BigInteger(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('screen', 'district_code')
    )


def downgrade() -> None:
    op.drop_table('voice_prompts')
    with op.batch_alter_table('entered_answers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entered_answers_seller_id'))
    op.drop_table('entered_answers')
    with op.batch_alter_table('voice_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_voice_notes_seller_id'))
    op.drop_table('voice_notes')
    with op.batch_alter_table('help_messages', schema=None) as batch_op:
        batch_op.drop_column('voice_file_id')
