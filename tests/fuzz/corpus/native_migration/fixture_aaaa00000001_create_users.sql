-- revision: aaaa00000001
-- message: create users
-- branch-labels: core
-- created: 2026-01-12T16:30:00Z

-- +up
CREATE TABLE t_aaaa00000001 (id integer);

-- +down
DROP TABLE t_aaaa00000001;
