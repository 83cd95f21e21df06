revision = 'a1'
revision += 'x'
down_revision = None
