-- revision: b1
CREATE TABLE x (id int);
-- +up
