# Copyright 2015 OpenStack Foundation
#

"""network_rbac

Revision ID: 4ffceebfada
Revises: 30018084ec99
Create Date: 2015-06-14 13:12:04.012457

"""

from alembic import op
from oslo_utils import uuidutils
import sqlalchemy as sa

from neutron.db import migration

# revision identifiers, used by Alembic.
revision = '4ffceebfada'
down_revision = '30018084ec99'
depends_on = ('599c6a226151',)

# milestone identifier, used by neutron-db-manage
neutron_milestone = [migration.LIBERTY]


# A simple model of the networks table with only the fields needed for
# the migration.
network = sa.Table('networks', sa.MetaData(),
                   sa.Column('id', sa.String(length=36), nullable=False),
                   sa.Column('tenant_id', sa.String(length=255)),
                   sa.Column('shared', sa.Boolean(), nullable=False))


def upgrade():
    op.create_table(
        'networkrbacs',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('object_id', sa.String(length=36), nullable=False),
        sa.Column('tenant_id', sa.String(length=255), nullable=True),
        sa.Column('target_tenant', sa.String(length=255), nullable=False),
        sa.Column('action', sa.String(length=255), nullable=False),
        sa.PrimaryKeyConstraint('id'))
    op.bulk_insert(network, [{'id': uuidutils.generate_uuid()}])
