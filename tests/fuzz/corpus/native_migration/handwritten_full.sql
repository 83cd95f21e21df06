-- revision: 5f3c0a1b2c3d
-- revises: 1a2b3c4d5e6f, 2b3c4d5e6f70
-- message: add limit
-- created: 2026-01-02T03:04:05Z
-- transaction: none
-- replaces: aaaa, bbbb
-- branch-labels: core
-- depends-on: specs

-- +up
CREATE INDEX CONCURRENTLY ix ON t (a);
-- a comment; with a semicolon
INSERT INTO t VALUES ('it''s; fine', $$ body; $$);

-- +down
DROP INDEX CONCURRENTLY ix;
