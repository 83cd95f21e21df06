revision = 'a1'
down_revision = None
depends_on = []
if X:
    depends_on = ['b']
