-- revision: b1
-- message: xâ‚y
-- +up
SELECT 1;
