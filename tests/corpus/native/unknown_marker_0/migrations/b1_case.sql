-- revision: b1
-- +upp
SELECT 1;
