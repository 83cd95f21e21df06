-- revision: a¿Øb
-- +up
SELECT 1;
