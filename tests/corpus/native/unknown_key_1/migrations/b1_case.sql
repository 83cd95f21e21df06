-- revision: b1
-- reivses: x
-- +up
SELECT 1;
