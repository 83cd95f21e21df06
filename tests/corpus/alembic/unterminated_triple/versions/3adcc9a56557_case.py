"""doc

revision = 'a1'
