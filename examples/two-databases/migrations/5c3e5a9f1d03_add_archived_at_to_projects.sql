-- revision: 5c3e5a9f1d03
-- revises: 5b2d4f8e0c02
-- message: add archived at to projects
-- created: 2026-02-12T08:50:00Z

-- +up
ALTER TABLE projects ADD COLUMN archived_at TIMESTAMP;

-- +down
ALTER TABLE projects DROP COLUMN archived_at;
