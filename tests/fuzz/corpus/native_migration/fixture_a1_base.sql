-- revision: aaaa00000001
-- revises: 
-- message: base

-- +up
SELECT 1;

-- +down
SELECT 1;
