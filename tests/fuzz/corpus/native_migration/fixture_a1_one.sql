-- revision: aaaa00000001
-- revises: aaaa00000003
-- message: one

-- +up
SELECT 1;

-- +down
SELECT 1;
