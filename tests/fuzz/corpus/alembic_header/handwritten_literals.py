revision = r'ab\c' 
down_revision = b'x'
branch_labels = {'a', 'b'}
depends_on = [u'x', f'{y}', '\N{BULLET}\x41\u0041\101']
revision = = 'x'
