-- revision: sub/evil
-- +up
SELECT 1;
