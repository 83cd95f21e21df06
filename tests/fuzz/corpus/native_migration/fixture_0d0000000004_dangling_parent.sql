-- revision: 0d0000000004
-- revises: 0f0000000099
-- message: dangling parent
-- created: 2026-01-12T16:30:00Z

-- +up
CREATE TABLE t_0d0000000004 (id integer);

-- +down
DROP TABLE t_0d0000000004;
