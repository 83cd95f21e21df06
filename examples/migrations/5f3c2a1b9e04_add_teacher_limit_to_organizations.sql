-- revision: 5f3c2a1b9e04
-- revises: 9e5f1b7d3c20
-- message: add teacher limit to organizations
-- created: 2026-01-12T16:30:00Z

-- +up
ALTER TABLE organizations ADD COLUMN teacher_limit INTEGER;

-- +down
ALTER TABLE organizations DROP COLUMN teacher_limit;
