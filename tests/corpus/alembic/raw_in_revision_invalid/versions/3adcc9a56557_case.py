revision = 'aÿ'
down_revision = None
