-- revision: cccc00000003
-- revises: bbbb00000002
-- message: add orders
-- created: 2026-01-12T16:30:00Z

-- +up
CREATE TABLE t_cccc00000003 (id integer);

-- +down
DROP TABLE t_cccc00000003;
