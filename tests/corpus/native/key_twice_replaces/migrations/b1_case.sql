-- revision: b1
-- replaces: a1
-- replaces: a1
-- +up
SELECT 1;
