-- revision: 30cc00000003
-- revises: 10aa00000001
-- message: right

-- +up
CREATE TABLE right_items (id INTEGER PRIMARY KEY);

-- +down
DROP TABLE right_items;
