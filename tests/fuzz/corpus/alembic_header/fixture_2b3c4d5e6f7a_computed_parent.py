"""computed parent

Revision ID: 2b3c4d5e6f7a
Revises: 1a2b3c4d5e6f
Create Date: 2023-02-02 12:00:00.000000

"""
import os

from alembic import op
import sqlalchemy as sa

from myapp.migrations import parents

# revision identifiers, used by Alembic.
revision = "2b3c4d5e6f7a"
down_revision = parents.previous(__file__)
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("things", sa.Column("name", sa.String(50)))


def downgrade() -> None:
    op.drop_column("things", "name")
