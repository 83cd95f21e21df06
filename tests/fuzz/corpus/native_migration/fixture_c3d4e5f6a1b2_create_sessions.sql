-- revision: c3d4e5f6a1b2
-- revises: b2c3d4e5f6a1
-- message: create sessions

-- +up
CREATE TABLE sessions (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES accounts (id));

-- +down
DROP TABLE sessions;
