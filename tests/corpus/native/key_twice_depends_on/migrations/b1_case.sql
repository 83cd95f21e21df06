-- revision: b1
-- depends-on: a1
-- depends-on: a1
-- +up
SELECT 1;
