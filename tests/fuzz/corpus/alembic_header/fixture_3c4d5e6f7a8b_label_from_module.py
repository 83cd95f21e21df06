"""label from a module constant

Revision ID: 3c4d5e6f7a8b
Revises: 2b3c4d5e6f7a
Create Date: 2023-02-03 12:00:00.000000

"""
from alembic import op

from myapp import settings

# revision identifiers, used by Alembic.
revision = "3c4d5e6f7a8b"
down_revision = "2b3c4d5e6f7a"
branch_labels = (settings.BRANCH,)
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
