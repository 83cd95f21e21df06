-- revision: b1
-- transaction: PER-MIGRATION
-- +up
SELECT 1;
