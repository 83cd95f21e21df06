-- revision: 10aa00000001
-- revises: 
-- message: base

-- +up
CREATE TABLE items (id INTEGER PRIMARY KEY);

-- +down
DROP TABLE items;
