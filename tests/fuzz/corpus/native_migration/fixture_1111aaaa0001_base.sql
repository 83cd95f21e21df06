-- revision: 1111aaaa0001
-- revises: 
-- message: base

-- +up
CREATE TABLE t (id INTEGER PRIMARY KEY);

-- +down
DROP TABLE t;
