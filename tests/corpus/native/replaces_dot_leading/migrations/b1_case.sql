-- revision: b1
-- replaces: .x
-- +up
SELECT 1;
