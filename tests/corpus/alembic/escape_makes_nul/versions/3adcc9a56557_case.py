revision = 'a\0'
down_revision = None
