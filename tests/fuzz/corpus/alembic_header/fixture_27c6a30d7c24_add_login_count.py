"""add login count

A second paragraph of the docstring: only the first paragraph is the message.

Revision ID: 27c6a30d7c24
Revises: ae1027a6acf
Create Date: 2022-11-04 08:01:55.004410

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '27c6a30d7c24'
down_revision = 'ae1027a6acf'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('account', sa.Column('login_count', sa.Integer, server_default='0'))


def downgrade() -> None:
    op.drop_column('account', 'login_count')
