-- revision: 50ee00000005
-- revises: 40dd00000004
-- message: tip

-- +up
CREATE TABLE tip_items (id INTEGER PRIMARY KEY);

-- +down
DROP TABLE tip_items;
