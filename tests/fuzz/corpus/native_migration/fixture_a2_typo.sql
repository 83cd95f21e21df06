-- revision: aaaa00000002
-- revises: aaaa00000001
-- message: typo in a key
-- revises_: aaaa00000001

-- +up
SELECT 1;
