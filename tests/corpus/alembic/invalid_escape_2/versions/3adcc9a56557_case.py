revision = 'a1\U00110000'
down_revision = None
