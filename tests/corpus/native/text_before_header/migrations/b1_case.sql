CREATE TABLE x (id int);
-- revision: b1
-- +up
