down_revision = None
