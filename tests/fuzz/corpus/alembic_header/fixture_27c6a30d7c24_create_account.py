"""create account table

Revision ID: 27c6a30d7c24
Revises:
Create Date: 2026-01-10 09:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = "27c6a30d7c24"
down_revision: Union[str, None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table("account", sa.Column("id", sa.Integer, primary_key=True))


def downgrade() -> None:
    op.drop_table("account")
