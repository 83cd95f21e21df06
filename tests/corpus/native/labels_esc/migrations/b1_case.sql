-- revision: b1
-- branch-labels: l
-- +up
SELECT 1;
