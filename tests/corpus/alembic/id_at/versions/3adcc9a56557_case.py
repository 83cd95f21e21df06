revision = 'a@1'
down_revision = None
