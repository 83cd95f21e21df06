revision = 'a1'
down_revision = 'a:1'
