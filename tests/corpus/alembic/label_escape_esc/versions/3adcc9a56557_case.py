revision = 'a1'
down_revision = None
branch_labels = 'l\x1b[0m'
