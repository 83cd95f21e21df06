-- revision: ../evil
-- +up
SELECT 1;
