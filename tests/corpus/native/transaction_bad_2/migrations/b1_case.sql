-- revision: b1
-- transaction: per_migration
-- +up
SELECT 1;
