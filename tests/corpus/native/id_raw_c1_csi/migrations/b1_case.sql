-- revision: a2Jb
-- +up
SELECT 1;
