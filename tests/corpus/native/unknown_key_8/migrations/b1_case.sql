-- revision: b1
-- foo: x
-- +up
SELECT 1;
