-- revision: ffff00000006
-- message: create audit log
-- branch-labels: audit
-- depends-on: bbbb00000002
-- created: 2026-01-12T16:30:00Z

-- +up
CREATE TABLE t_ffff00000006 (id integer);

-- +down
DROP TABLE t_ffff00000006;
