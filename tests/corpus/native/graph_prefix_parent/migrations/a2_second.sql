-- revision: a2
-- revises: abcd
-- message: m
-- +up
CREATE TABLE t_a2 (id int);
-- +down
DROP TABLE t_a2;
