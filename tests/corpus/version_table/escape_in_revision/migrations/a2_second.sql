-- revision: a2
-- revises: a1
-- message: m
-- +up
CREATE TABLE t_a2 (id int);
-- +down
DROP TABLE t_a2;
