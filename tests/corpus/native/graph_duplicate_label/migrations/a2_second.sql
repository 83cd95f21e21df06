-- revision: a2
-- revises: a1
-- message: m
-- branch-labels: core
-- +up
CREATE TABLE t_a2 (id int);
-- +down
DROP TABLE t_a2;
