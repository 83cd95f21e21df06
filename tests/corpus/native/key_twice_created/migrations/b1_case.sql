-- revision: b1
-- created: a1
-- created: a1
-- +up
SELECT 1;
