-- revision: b1
-- +down
SELECT 1;
-- +up
