# Copyright 2015 OpenStack Foundation
#

"""neutrodb_ipam

Revision ID: 599c6a226151
Revises: 354db87e3225
Create Date: 2015-03-08 18:12:08.962378

"""

# revision identifiers, used by Alembic.
revision = '599c6a226151'
down_revision = '354db87e3225'

from alembic import op
import sqlalchemy as sa


def upgrade():
    op.create_table(
        'ipamsubnets',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('neutron_subnet_id', sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint('id'))
