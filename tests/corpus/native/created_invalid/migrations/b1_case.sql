-- revision: b1
-- created: 2026ÿ
-- +up
SELECT 1;
