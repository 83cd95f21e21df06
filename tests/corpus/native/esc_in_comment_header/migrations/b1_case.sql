-- revision: b1
-- note [2J
-- +up
SELECT 1;
