revision = 'a1'
down_revision = None
down_revision += 'x'
