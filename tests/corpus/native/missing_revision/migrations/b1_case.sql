-- message: m
-- +up
SELECT 1;
