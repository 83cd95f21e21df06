revision = f'{x}1'
down_revision = None
