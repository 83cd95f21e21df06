-- revision: aaaa00000002
-- revises: aaaa00000001
-- message: two

-- +up
SELECT 1;

-- +down
SELECT 1;
