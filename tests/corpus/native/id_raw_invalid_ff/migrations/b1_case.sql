-- revision: aÿb
-- +up
SELECT 1;
