"""create shopping cart table

Revision ID: 1975ea83b712
Revises:
Create Date: 2026-01-12 09:00:00.000000

"""
from alembic import op

revision = "1975ea83b712"
down_revision = None
branch_labels = ("shoppingcart",)
depends_on = "27c6a30d7c24"


def upgrade():
    pass


def downgrade():
    pass
