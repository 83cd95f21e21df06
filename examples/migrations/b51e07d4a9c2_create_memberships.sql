-- revision: b51e07d4a9c2
-- revises: 8d24b6e0f315
-- message: create memberships
-- created: 2026-01-06T14:03:51Z

-- +up
-- A user belongs to organizations through memberships, with one role in each.
CREATE TABLE memberships (
    organization_id INTEGER NOT NULL REFERENCES organizations (id),
    user_id INTEGER NOT NULL REFERENCES users (id),
    role VARCHAR(20) NOT NULL DEFAULT 'member',
    PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX memberships_user_id_idx ON memberships (user_id);

-- +down
DROP INDEX memberships_user_id_idx;
DROP TABLE memberships;
