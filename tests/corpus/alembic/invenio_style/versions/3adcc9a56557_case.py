revision = 'a1'
down_revision = None
branch_labels = ()
depends_on = ['b0']

if has_module('x'):
    depends_on.append('x1')
