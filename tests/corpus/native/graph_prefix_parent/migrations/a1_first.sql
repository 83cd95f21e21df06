-- revision: abcd1234
-- message: m
-- +up
CREATE TABLE t_abcd1234 (id int);
-- +down
DROP TABLE t_abcd1234;
