-- revision: b1
-- depends-on: dÿ
-- +up
SELECT 1;
