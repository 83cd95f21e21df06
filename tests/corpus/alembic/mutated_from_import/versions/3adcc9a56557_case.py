revision = 'a1'
down_revision = None
depends_on = []
from somewhere import depends_on
