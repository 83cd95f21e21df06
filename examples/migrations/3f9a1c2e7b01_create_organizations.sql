-- revision: 3f9a1c2e7b01
-- revises:
-- message: create organizations
-- created: 2026-01-05T09:12:44Z

-- +up
CREATE TABLE organizations (
    id INTEGER PRIMARY KEY,
    name VARCHAR(200) NOT NULL,
    slug VARCHAR(100) NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX organizations_slug_key ON organizations (slug);

-- +down
DROP INDEX organizations_slug_key;
DROP TABLE organizations;
