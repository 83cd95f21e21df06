-- revision: aaaa00000001
-- revises: 
-- message: first

-- +up
SELECT 1;

-- +down
SELECT 1;
