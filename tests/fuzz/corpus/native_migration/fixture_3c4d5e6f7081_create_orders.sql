-- revision: 3c4d5e6f7081
-- revises: 2b3c4d5e6f70
-- message: create orders
-- created: 2026-01-12T16:30:00Z

-- +up
CREATE TABLE t_3c4d5e6f7081 (id integer);

-- +down
DROP TABLE t_3c4d5e6f7081;
