"""create audit log

Revision ID: b2c3d4e5f6a7
Revises: 9c1f0e2d3b4a
Create Date: 2024-06-11 17:40:03.551020

"""
from __future__ import annotations

from typing import Sequence

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision: str = "b2c3d4e5f6a7"
down_revision: str | None = (
    "9c1f0e2d3b4a"  # the merge
)
branch_labels: tuple[str] | None = None
depends_on: str | Sequence[str] | None = [
    "4fd1a2b3c4d5",
]


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("message", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("audit_log")
