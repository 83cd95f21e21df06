"""add a column

Revision ID: ae1027a6acf
Revises: 27c6a30d7c24
Create Date: 2026-01-11 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = 'ae1027a6acf'
down_revision = '27c6a30d7c24'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("account", sa.Column("last_transaction_date", sa.DateTime))


def downgrade():
    op.drop_column("account", "last_transaction_date")
