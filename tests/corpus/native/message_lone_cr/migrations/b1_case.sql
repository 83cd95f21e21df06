-- revision: b1
-- message: xaby
-- +up
SELECT 1;
