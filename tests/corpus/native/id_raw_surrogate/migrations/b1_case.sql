-- revision: aí €b
-- +up
SELECT 1;
