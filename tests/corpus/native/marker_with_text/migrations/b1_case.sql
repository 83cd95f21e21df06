-- revision: b1
-- +up now
SELECT 1;
