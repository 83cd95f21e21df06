-- revision: b1
-- message: xÿy
-- +up
SELECT 1;
