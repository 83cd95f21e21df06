# Copyright 2016 OpenStack Foundation
#

from alembic import op
import sqlalchemy as sa

from neutron.db import migration

"""Add desc to standard attr table

Revision ID: 0e66c5227a8a
Revises: 599c6a226151
Create Date: 2016-02-02 14:29:43.094302

"""

# revision identifiers, used by Alembic.
revision = '0e66c5227a8a'
down_revision = '599c6a226151'

# milestone identifier, used by neutron-db-manage
neutron_milestone = [migration.MITAKA]


def upgrade():
    op.add_column('standardattributes', sa.Column('description', sa.String(length=255), nullable=True))
