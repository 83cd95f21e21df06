revision = None
down_revision = None
