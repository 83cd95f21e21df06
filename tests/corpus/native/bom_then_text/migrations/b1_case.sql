SELECT 1;
-- revision: b1
-- +up
