revision = 'a1'
down_revision = PARENT
