"""expand branch

Revision ID: 4c2f9a3b0d12
Revises: 3b1e8f2a9c01
"""
from neutron.db.migration import cli

revision = "4c2f9a3b0d12"
down_revision = "3b1e8f2a9c01"
branch_labels = (cli.EXPAND_BRANCH,)
depends_on = None
