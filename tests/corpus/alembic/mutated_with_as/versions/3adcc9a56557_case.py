revision = 'a1'
down_revision = None
depends_on = []
with open('f') as depends_on:
    pass
