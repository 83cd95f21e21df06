revision = 'a1'
down_revision = PARENT
branch_labels = make()
depends_on = f'{x}'
