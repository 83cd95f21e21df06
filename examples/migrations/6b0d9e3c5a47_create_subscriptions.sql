-- revision: 6b0d9e3c5a47
-- revises: e4a2c8b61f09
-- message: create subscriptions
-- created: 2026-01-09T11:05:38Z

-- +up
CREATE TABLE subscriptions (
    organization_id INTEGER NOT NULL REFERENCES organizations (id),
    plan_id INTEGER NOT NULL REFERENCES plans (id),
    started_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (organization_id)
);

-- +down
DROP TABLE subscriptions;
