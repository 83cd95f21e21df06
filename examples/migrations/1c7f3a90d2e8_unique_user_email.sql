-- revision: 1c7f3a90d2e8
-- revises: b51e07d4a9c2
-- message: unique user email
-- created: 2026-01-08T10:41:17Z

-- +up
CREATE UNIQUE INDEX users_email_key ON users (email);

-- +down
DROP INDEX users_email_key;
