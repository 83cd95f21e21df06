-- revision: 20bb00000002
-- revises: 10aa00000001
-- message: left

-- +up
CREATE TABLE left_items (id INTEGER PRIMARY KEY);

-- +down
DROP TABLE left_items;
