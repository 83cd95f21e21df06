-- revision: b1
-- revison: x
-- +up
SELECT 1;
