-- revision: b1
-- +sideways
SELECT 1;
