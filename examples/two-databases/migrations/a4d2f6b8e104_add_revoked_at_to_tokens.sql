-- revision: a4d2f6b8e104
-- revises: a3b8e1f7c903
-- message: add revoked at to tokens
-- created: 2026-02-17T16:05:00Z

-- +up
ALTER TABLE tokens ADD COLUMN revoked_at TIMESTAMP;

-- +down
ALTER TABLE tokens DROP COLUMN revoked_at;
