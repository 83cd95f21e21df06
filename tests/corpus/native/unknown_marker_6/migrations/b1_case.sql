-- revision: b1
-- +u
SELECT 1;
