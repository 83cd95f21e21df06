revision = 'a1'
down_revision = None
depends_on = []
for depends_on in [['b']]:
    pass
