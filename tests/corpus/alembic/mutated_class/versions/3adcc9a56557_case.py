revision = 'a1'
down_revision = None
depends_on = []
class depends_on:
    pass
