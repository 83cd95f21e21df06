-- revision: b1
-- +Up
SELECT 1;
