-- revision: .hidden
-- +up
SELECT 1;
