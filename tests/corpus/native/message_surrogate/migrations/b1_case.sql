-- revision: b1
-- message: xí°€y
-- +up
SELECT 1;
