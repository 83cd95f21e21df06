-- revision: café
-- +up
SELECT 1;
