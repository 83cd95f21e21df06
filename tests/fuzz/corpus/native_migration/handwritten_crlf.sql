-- revision: a1
-- revises: a0

-- +up
SELECT 1;
-- +down
-- strata: no-op
