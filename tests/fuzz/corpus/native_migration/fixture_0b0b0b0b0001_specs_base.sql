-- revision: 0b0b0b0b0001
-- revises: 
-- message: specs base
-- branch-labels: specs

-- +up
CREATE TABLE projects (id INTEGER PRIMARY KEY);

-- +down
DROP TABLE projects;
