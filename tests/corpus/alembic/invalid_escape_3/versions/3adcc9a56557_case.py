revision = 'a1\ud800'
down_revision = None
