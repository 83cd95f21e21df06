-- revision: a1
-- message: m
-- branch-labels: core
-- +up
CREATE TABLE t_a1 (id int);
-- +down
DROP TABLE t_a1;
