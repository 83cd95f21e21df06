revision = 'a1\x'
down_revision = None
