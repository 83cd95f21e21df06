CREATE TABLE t (id INTEGER);
-- revision: aaaa00000001
-- +up
