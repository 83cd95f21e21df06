-- revision: a2c9d4e6f802
-- revises: a1e5f0c2b701
-- message: create tokens
-- created: 2026-02-03T14:20:00Z

-- +up
CREATE TABLE tokens (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    token_hash CHAR(64) NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX tokens_user_id ON tokens (user_id);
CREATE UNIQUE INDEX tokens_token_hash_key ON tokens (token_hash);

-- +down
DROP TABLE tokens;
