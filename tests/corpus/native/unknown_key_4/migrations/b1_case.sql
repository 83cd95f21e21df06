-- revision: b1
-- branch_labels: x
-- +up
SELECT 1;
