-- revision: 3333cccc0003
-- revises: 1111aaaa0001
-- message: feature b

-- +up
ALTER TABLE t ADD COLUMN b INTEGER;

-- +down
ALTER TABLE t DROP COLUMN b;
