-- revision: /tmp/evil
-- +up
SELECT 1;
