-- revision: b1
-- replaces: x/y
-- +up
SELECT 1;
