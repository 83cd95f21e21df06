-- revision: b1
-- transaction: yes
-- +up
SELECT 1;
