-- revision: b1
-- transaction: none
-- transaction: none
-- +up
SELECT 1;
