-- revision: a=b
-- +up
SELECT 1;
