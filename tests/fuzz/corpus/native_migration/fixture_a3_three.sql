-- revision: aaaa00000003
-- revises: aaaa00000002
-- message: three

-- +up
SELECT 1;

-- +down
SELECT 1;
