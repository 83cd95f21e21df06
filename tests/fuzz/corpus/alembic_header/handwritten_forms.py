"""message

Revision ID: 5f3c0a1b2c3d
Revises: 1a2b3c4d5e6f
"""
from typing import Sequence, Union

revision: str = '5f3c0a1b2c3d'
down_revision: Union[str, None] = ('1a2b3c4d5e6f',
                                   "2b3c" \
                                   "4d5e6f70")
branch_labels = ('core',)
depends_on = cli.EXPAND_BRANCH
x = []
x += ['a']
if True:
    depends_on = None
def upgrade() -> None:
    op.execute("""CREATE TABLE t (a int)""")
