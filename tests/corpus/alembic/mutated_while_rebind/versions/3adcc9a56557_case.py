revision = 'a1'
down_revision = None
depends_on = []
while False:
    depends_on = ['b']
