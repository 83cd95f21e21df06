revision = 'a2'
down_revision = 'a1'
depends_on = []
depends_on += ['x']
