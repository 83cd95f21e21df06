-- revision: a1b2c3d4e5f6
-- revises: 
-- message: create accounts

-- +up
CREATE TABLE accounts (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL);

-- +down
DROP TABLE accounts;
