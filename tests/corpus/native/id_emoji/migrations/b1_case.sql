-- revision: a😀
-- +up
SELECT 1;
