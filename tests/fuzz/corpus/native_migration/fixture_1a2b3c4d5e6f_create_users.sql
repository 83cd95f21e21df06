-- revision: 1a2b3c4d5e6f
-- message: create users
-- created: 2026-01-12T16:30:00Z

-- +up
CREATE TABLE t_1a2b3c4d5e6f (id integer);

-- +down
DROP TABLE t_1a2b3c4d5e6f;
