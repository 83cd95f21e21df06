-- revision: b1
-- created: 2026
-- +up
SELECT 1;
