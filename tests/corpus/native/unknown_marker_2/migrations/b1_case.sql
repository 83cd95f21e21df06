-- revision: b1
-- +UP
SELECT 1;
