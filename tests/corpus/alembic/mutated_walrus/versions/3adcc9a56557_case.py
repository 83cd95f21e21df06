revision = 'a1'
down_revision = None
depends_on = []
(depends_on := ['b'])
