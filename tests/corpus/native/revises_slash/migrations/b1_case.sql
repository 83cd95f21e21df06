-- revision: b1
-- revises: ../a1
-- +up
SELECT 1;
