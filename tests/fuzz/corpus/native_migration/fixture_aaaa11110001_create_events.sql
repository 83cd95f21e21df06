-- revision: aaaa11110001
-- revises: 
-- message: create events

-- +up
CREATE TABLE events (id INTEGER PRIMARY KEY, kind VARCHAR(50));

-- +down
DROP TABLE events;
