# Copyright 2015 OpenStack Foundation
#
#    Licensed under the Apache License, Version 2.0 (the "License"); you may
#    not use this file except in compliance with the License.
#

"""Start of expand branch: nsxv_vdr_metadata.py

Revision ID: 354db87e3225
Revises: kilo
Create Date: 2015-04-19 14:59:15.102609

"""

from alembic import op
import sqlalchemy as sa

from neutron.db.migration import cli


# revision identifiers, used by Alembic.
revision = '354db87e3225'
down_revision = 'kilo'
branch_labels = (cli.EXPAND_BRANCH,)


def upgrade():
    op.create_table(
        'nsxv_vdr_dhcp_bindings',
        sa.Column('vdr_router_id', sa.String(length=36), nullable=False),
        sa.Column('dhcp_router_id', sa.String(length=36), nullable=False),
        sa.Column('dhcp_edge_id', sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint('vdr_router_id'),
        sa.UniqueConstraint(
            'dhcp_router_id',
            name='unique_nsxv_vdr_dhcp_bindings0dhcp_router_id'),
    )
