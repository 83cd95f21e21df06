revision = 'a\x1b[31m'
down_revision = None
