revision = 'a1'
down_revision = None
branch_labels = ('lÿ',)
