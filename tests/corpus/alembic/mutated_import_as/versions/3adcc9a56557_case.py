revision = 'a1'
down_revision = None
depends_on = []
import x as depends_on
