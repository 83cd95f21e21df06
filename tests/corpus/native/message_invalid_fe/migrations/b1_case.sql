-- revision: b1
-- message: xþy
-- +up
SELECT 1;
