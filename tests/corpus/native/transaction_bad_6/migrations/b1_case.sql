-- revision: b1
-- transaction: per-migration; DROP TABLE x
-- +up
SELECT 1;
