revision = 'a1'
