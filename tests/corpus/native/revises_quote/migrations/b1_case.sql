-- revision: b1
-- revises: a'1
-- +up
SELECT 1;
