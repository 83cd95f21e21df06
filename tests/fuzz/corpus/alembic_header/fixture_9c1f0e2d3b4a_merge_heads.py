"""merge heads

Revision ID: 9c1f0e2d3b4a
Revises: 4fd1a2b3c4d5, 7a8b9c0d1e2f
Create Date: 2024-05-02 09:15:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "9c1f0e2d3b4a"
down_revision: Union[str, None] = ("4fd1a2b3c4d5", "7a8b9c0d1e2f")
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    pass


def downgrade() -> None:
    """Downgrade schema."""
    pass
