revision = 'a1\N{EM DASH}'
down_revision = None
