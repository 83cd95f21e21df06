-- revision: b1
-- +dwon
SELECT 1;
