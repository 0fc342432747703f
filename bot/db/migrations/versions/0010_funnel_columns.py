"""sellers.half_steps_at: when the seller's done steps reached half (the staff funnel);
broadcasts.stage: a broadcast to the sellers stuck at one funnel stage

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-28 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

# bot.steps.flow.half_needed() when this was written: 15 steps for exporters, 12 for the
# others, half rounded up. Frozen here, as a migration must not change with the code.
HALF = {"yes": 8, "other": 6}


def upgrade() -> None:
    op.add_column('broadcasts', sa.Column('stage', sa.String(length=16), nullable=True))
    op.add_column('sellers', sa.Column('half_steps_at', sa.DateTime(timezone=True),
                                       nullable=True))
    # The time of the n-th done step, for sellers already this far (same on both databases).
    nth = ("(SELECT step_progress.updated_at FROM step_progress "
           "WHERE step_progress.seller_id = sellers.id AND step_progress.status = 'done' "
           "ORDER BY step_progress.updated_at, step_progress.id LIMIT 1 OFFSET {offset})")
    op.execute(f"UPDATE sellers SET half_steps_at = {nth.format(offset=HALF['yes'] - 1)} "
               "WHERE wants_export = 'yes'")
    op.execute(f"UPDATE sellers SET half_steps_at = {nth.format(offset=HALF['other'] - 1)} "
               "WHERE wants_export IS NULL OR wants_export <> 'yes'")


def downgrade() -> None:
    with op.batch_alter_table('broadcasts') as batch:
        batch.drop_column('stage')
    with op.batch_alter_table('sellers') as batch:
        batch.drop_column('half_steps_at')
