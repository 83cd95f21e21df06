-- revision: ab
-- +up
SELECT 1;
