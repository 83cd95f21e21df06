revision = rb'a1'
down_revision = None
