-- revision: 0c0000000003
-- revises: 0a0000000001
-- message: second child
-- created: 2026-01-12T16:30:00Z

-- +up
CREATE TABLE t_0c0000000003 (id integer);

-- +down
DROP TABLE t_0c0000000003;
