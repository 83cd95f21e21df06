-- revision: b1
-- +up
SELECT 1;
-- +up
SELECT 2;
