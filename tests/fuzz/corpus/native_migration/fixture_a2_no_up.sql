-- revision: aaaa00000002
-- revises: aaaa00000001
-- message: forgot the up marker

CREATE TABLE t (id INTEGER);
