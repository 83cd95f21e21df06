-- revision: b1
-- message: xy
-- +up
SELECT 1;
