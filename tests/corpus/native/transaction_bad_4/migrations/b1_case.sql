-- revision: b1
-- transaction: none please
-- +up
SELECT 1;
