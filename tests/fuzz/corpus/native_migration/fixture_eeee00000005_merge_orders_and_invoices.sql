-- revision: eeee00000005
-- revises: cccc00000003, dddd00000004
-- message: merge orders and invoices
-- created: 2026-01-12T16:30:00Z

-- +up
CREATE TABLE t_eeee00000005 (id integer);

-- +down
DROP TABLE t_eeee00000005;
