"""sellers.steps_done: how many of the seller's steps are done (who needs help)

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-08 01:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('sellers', sa.Column('steps_done', sa.Integer(), nullable=False,
                                       server_default='0'))
    # The done steps of sellers already there (same on both databases).
    op.execute("UPDATE sellers SET steps_done = (SELECT count(*) FROM step_progress "
               "WHERE step_progress.seller_id = sellers.id AND step_progress.status = 'done')")


def downgrade() -> None:
    with op.batch_alter_table('sellers') as batch:
        batch.drop_column('steps_done')
