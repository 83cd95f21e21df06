-- revision: 2b3c4d5e6f70
-- revises: 1a2b3c4d5e6f
-- message: add email to users
-- created: 2026-01-12T16:30:00Z

-- +up
CREATE TABLE t_2b3c4d5e6f70 (id integer);

-- +down
DROP TABLE t_2b3c4d5e6f70;
