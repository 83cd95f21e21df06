-- revision: b1
-- branch-labels: lÿ
-- +up
SELECT 1;
