-- revision: b1
-- +downgrade
SELECT 1;
