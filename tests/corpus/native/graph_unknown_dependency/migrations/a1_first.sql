-- revision: a1
-- message: m
-- depends-on: nowhere
-- +up
CREATE TABLE t_a1 (id int);
-- +down
DROP TABLE t_a1;
