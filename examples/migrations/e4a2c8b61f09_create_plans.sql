-- revision: e4a2c8b61f09
-- revises: b51e07d4a9c2
-- message: create plans
-- created: 2026-01-07T16:20:00Z
-- branch-labels: billing

-- +up
-- The billing work started on its own branch, in parallel with the user-email work.
CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    code VARCHAR(50) NOT NULL,
    monthly_price_cents INTEGER NOT NULL
);
INSERT INTO plans (id, code, monthly_price_cents) VALUES (1, 'free', 0);
INSERT INTO plans (id, code, monthly_price_cents) VALUES (2, 'team', 4900);

-- +down
DROP TABLE plans;
