-- revision: аbc
-- +up
SELECT 1;
