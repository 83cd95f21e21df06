revision = '..\x2fevil'
down_revision = None
