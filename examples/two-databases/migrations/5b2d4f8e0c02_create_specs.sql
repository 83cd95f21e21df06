-- revision: 5b2d4f8e0c02
-- revises: 5a1c3e7d9b01
-- message: create specs
-- created: 2026-02-04T10:15:00Z

-- +up
CREATE TABLE specs (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects (id),
    title VARCHAR(200) NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX specs_project_id ON specs (project_id);

-- +down
DROP TABLE specs;
