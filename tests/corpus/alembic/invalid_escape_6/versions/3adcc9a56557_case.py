revision = 'a1\U0000004'
down_revision = None
