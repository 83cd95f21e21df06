-- revision: b1
-- mesage: x
-- +up
SELECT 1;
