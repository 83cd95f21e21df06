"""base

Revision ID: 3b1e8f2a9c01
"""
revision = "3b1e8f2a9c01"
down_revision = None
branch_labels = None
depends_on = None
