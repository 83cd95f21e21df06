-- revision: a[31mb
-- +up
SELECT 1;
