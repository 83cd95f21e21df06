P = 'a'
P = 'b'
revision = 'a1'
down_revision = P
