revision = '../evil'
down_revision = None
