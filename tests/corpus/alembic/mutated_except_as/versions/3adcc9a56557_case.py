revision = 'a1'
down_revision = None
depends_on = []
try:
    pass
except Exception as depends_on:
    pass
