revision = 'a1'
down_revision = None
depends_on = []
depends_on, other = ['b'], 1
