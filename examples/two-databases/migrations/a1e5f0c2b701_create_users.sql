-- revision: a1e5f0c2b701
-- revises:
-- message: create users
-- branch-labels: auth
-- created: 2026-02-02T09:00:00Z

-- +up
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email VARCHAR(320) NOT NULL,
    password_hash VARCHAR(200) NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX users_email_key ON users (email);

-- +down
DROP INDEX users_email_key;
DROP TABLE users;
