-- revision: bbbb00000002
-- revises: aaaa00000001
-- message: add email
-- created: 2026-01-12T16:30:00Z

-- +up
CREATE TABLE t_bbbb00000002 (id integer);

-- +down
DROP TABLE t_bbbb00000002;
