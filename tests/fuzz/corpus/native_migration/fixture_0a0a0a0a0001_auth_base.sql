-- revision: 0a0a0a0a0001
-- revises: 
-- message: auth base
-- branch-labels: auth

-- +up
CREATE TABLE users (id INTEGER PRIMARY KEY);

-- +down
DROP TABLE users;
