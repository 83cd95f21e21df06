-- revision: a1
-- +up
SELECT 1;
-- +up
SELECT 2;
-- +down
