-- revision: 0b0000000002
-- revises: 0a0000000001
-- message: first child
-- created: 2026-01-12T16:30:00Z

-- +up
CREATE TABLE t_0b0000000002 (id integer);

-- +down
DROP TABLE t_0b0000000002;
