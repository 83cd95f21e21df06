revision = 'a1'
down_revision = None
depends_on = []
try:
    import x
except ImportError:
    depends_on = ['b']
