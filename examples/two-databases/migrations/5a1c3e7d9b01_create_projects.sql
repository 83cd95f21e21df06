-- revision: 5a1c3e7d9b01
-- revises:
-- message: create projects
-- branch-labels: specs
-- created: 2026-02-02T09:30:00Z

-- +up
-- owner_user_id names a row of auth's users table, which lives in the other database: no foreign key can
-- cross databases, so the application checks it.
CREATE TABLE projects (
    id INTEGER PRIMARY KEY,
    owner_user_id INTEGER NOT NULL,
    name VARCHAR(200) NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX projects_owner_user_id ON projects (owner_user_id);

-- +down
DROP TABLE projects;
