revision = 'a' b'1'
down_revision = None
