-- revision: b1
-- transactions: x
-- +up
SELECT 1;
