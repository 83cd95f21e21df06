-- revision: aaaa00000001
-- revises: 
-- message: copy of first

-- +up
SELECT 1;

-- +down
SELECT 1;
