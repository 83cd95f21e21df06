revision = 'a1'
down_revision = None
depends_on = []
def depends_on():
    pass
