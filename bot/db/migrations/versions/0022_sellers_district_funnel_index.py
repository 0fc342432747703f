"""sellers: the district index carries what the funnel reads of each seller (covering)

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-08 01:40:00
"""

from alembic import op

revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None

COLUMNS = ['district_code', 'consented_at', 'telegram_id', 'created_at', 'profile_saved_at',
           'half_steps_at']


def upgrade() -> None:
    op.create_index('ix_sellers_district_funnel', 'sellers', COLUMNS)
    op.drop_index('ix_sellers_district_code', table_name='sellers')


def downgrade() -> None:
    op.create_index('ix_sellers_district_code', 'sellers', ['district_code'])
    op.drop_index('ix_sellers_district_funnel', table_name='sellers')
