-- revision: aâœ
-- +up
SELECT 1;
