DEPS = ['x']
DEPS += ['y']
revision = 'a1'
down_revision = None
depends_on = DEPS
