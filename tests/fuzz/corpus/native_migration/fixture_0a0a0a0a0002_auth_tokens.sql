-- revision: 0a0a0a0a0002
-- revises: 0a0a0a0a0001
-- message: auth tokens

-- +up
CREATE TABLE tokens (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL);

-- +down
DROP TABLE tokens;
