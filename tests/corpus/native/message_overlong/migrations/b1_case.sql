-- revision: b1
-- message: x¡øy
-- +up
SELECT 1;
