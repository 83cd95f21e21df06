-- revision: 8d24b6e0f315
-- revises: 3f9a1c2e7b01
-- message: create users
-- created: 2026-01-05T09:30:02Z

-- +up
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email VARCHAR(320) NOT NULL,
    display_name VARCHAR(200),
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- +down
DROP TABLE users;
