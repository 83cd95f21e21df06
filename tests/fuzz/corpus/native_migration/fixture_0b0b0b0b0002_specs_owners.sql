-- revision: 0b0b0b0b0002
-- revises: 0b0b0b0b0001
-- message: specs owners
-- depends-on: 0a0a0a0a0002

-- +up
ALTER TABLE projects ADD COLUMN owner_id INTEGER;

-- +down
ALTER TABLE projects DROP COLUMN owner_id;
