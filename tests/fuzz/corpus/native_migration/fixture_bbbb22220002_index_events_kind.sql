-- revision: bbbb22220002
-- revises: aaaa11110001
-- message: index events kind
-- transaction: none

-- +up
CREATE INDEX CONCURRENTLY events_kind_idx ON events (kind);

-- +down
DROP INDEX CONCURRENTLY events_kind_idx;
