revision = make_id()
down_revision = None
