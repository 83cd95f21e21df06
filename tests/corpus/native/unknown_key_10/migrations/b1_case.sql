-- revision: b1
-- revisions: x
-- +up
SELECT 1;
