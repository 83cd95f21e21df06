-- revision: b1
-- +up
SELECT 1;
-- +down
SELECT 2;
-- +down
