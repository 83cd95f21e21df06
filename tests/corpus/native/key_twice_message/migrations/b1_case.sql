-- revision: b1
-- message: a1
-- message: a1
-- +up
SELECT 1;
