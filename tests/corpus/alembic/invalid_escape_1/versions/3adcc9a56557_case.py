revision = 'a1\u12'
down_revision = None
