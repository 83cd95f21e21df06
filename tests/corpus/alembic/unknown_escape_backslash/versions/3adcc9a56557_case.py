revision = 'a\q'
down_revision = None
