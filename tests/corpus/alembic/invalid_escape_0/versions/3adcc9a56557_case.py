revision = 'a1\x4'
down_revision = None
