revision = 'a'
down_revision = ((((((((('b',),),),),),),),),)
branch_labels = '''
multi
'''
