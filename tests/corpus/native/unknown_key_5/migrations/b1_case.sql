-- revision: b1
-- depends_on: x
-- +up
SELECT 1;
