revision = 'a1'
down_revision = None
depends_on = []
def f():
    global depends_on
    depends_on = ['b']
