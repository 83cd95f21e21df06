revision = b'a1'
down_revision = None
