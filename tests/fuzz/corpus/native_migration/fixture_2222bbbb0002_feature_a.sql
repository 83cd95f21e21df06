-- revision: 2222bbbb0002
-- revises: 1111aaaa0001
-- message: feature a

-- +up
ALTER TABLE t ADD COLUMN a INTEGER;

-- +down
ALTER TABLE t DROP COLUMN a;
