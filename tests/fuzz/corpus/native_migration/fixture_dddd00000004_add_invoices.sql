-- revision: dddd00000004
-- revises: bbbb00000002
-- message: add invoices
-- created: 2026-01-12T16:30:00Z

-- +up
CREATE TABLE t_dddd00000004 (id integer);

-- +down
DROP TABLE t_dddd00000004;
