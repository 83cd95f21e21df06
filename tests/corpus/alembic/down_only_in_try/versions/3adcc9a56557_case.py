revision = 'a1'
try:
    down_revision = 'a0'
except Exception:
    down_revision = None
