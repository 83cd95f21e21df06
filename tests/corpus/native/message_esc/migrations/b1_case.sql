-- revision: b1
-- message: x[2Jy
-- +up
SELECT 1;
