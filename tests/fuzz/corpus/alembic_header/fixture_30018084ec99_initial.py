# Copyright 2015 OpenStack Foundation
#

"""Initial no-op Liberty contract rule.

Revision ID: 30018084ec99
Revises: None
Create Date: 2015-06-22 00:00:00.000000

"""

from neutron.db.migration import cli


# revision identifiers, used by Alembic.
revision = '30018084ec99'
down_revision = 'kilo'
branch_labels = (cli.CONTRACT_BRANCH,)


def upgrade():
    pass
