-- revision: b1
-- branch-labels: a1
-- branch-labels: a1
-- +up
SELECT 1;
