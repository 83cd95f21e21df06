-- revision: a3b8e1f7c903
-- revises: a2c9d4e6f802
-- message: add last login to users
-- created: 2026-02-10T11:45:00Z

-- +up
ALTER TABLE users ADD COLUMN last_login_at TIMESTAMP;

-- +down
ALTER TABLE users DROP COLUMN last_login_at;
