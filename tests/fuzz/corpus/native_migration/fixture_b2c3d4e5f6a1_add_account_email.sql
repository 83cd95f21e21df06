-- revision: b2c3d4e5f6a1
-- revises: a1b2c3d4e5f6
-- message: add account email

-- +up
ALTER TABLE accounts ADD COLUMN email VARCHAR(320);

-- +down
ALTER TABLE accounts DROP COLUMN email;
