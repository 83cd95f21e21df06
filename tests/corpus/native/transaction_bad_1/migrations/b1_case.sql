-- revision: b1
-- transaction: None
-- +up
SELECT 1;
