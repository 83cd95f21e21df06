# Copyright 2014 OpenStack Foundation
#
#    Licensed under the Apache License, Version 2.0 (the "License"); you may
#    not use this file except in compliance with the License.
#

"""kilo_initial

Revision ID: kilo
Revises: None

"""

# revision identifiers, used by Alembic.
revision = 'kilo'
down_revision = None


def upgrade():
    pass
