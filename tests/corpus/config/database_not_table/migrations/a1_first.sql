-- revision: a1
-- message: m
-- +up
CREATE TABLE t_a1 (id int);
-- +down
DROP TABLE t_a1;
