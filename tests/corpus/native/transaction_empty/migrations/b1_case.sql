-- revision: b1
-- transaction:
-- +up
SELECT 1;
