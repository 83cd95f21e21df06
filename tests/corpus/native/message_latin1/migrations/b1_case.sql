-- revision: b1
-- message: xcaféy
-- +up
SELECT 1;
