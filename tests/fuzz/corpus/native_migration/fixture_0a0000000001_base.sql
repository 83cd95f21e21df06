-- revision: 0a0000000001
-- message: base
-- created: 2026-01-12T16:30:00Z

-- +up
CREATE TABLE t_0a0000000001 (id integer);

-- +down
DROP TABLE t_0a0000000001;
