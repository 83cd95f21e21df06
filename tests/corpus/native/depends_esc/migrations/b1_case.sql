-- revision: b1
-- depends-on: d
-- +up
SELECT 1;
