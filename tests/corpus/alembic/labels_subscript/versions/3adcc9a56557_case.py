revision = 'a1'
down_revision = None
branch_labels = LABELS[0]
