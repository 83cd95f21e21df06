-- revision: aaaa00000002
-- revises: ffff00000009
-- message: child of a missing revision

-- +up
SELECT 1;

-- +down
SELECT 1;
