-- revision: b1
-- created-at: x
-- +up
SELECT 1;
