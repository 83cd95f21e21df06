-- revision: ]0;owned
-- +up
SELECT 1;
