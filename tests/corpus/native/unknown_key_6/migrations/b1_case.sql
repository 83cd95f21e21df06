-- revision: b1
-- replace: x
-- +up
SELECT 1;
