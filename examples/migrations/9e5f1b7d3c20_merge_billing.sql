-- revision: 9e5f1b7d3c20
-- revises: 1c7f3a90d2e8, 6b0d9e3c5a47
-- message: merge billing
-- created: 2026-01-10T08:00:00Z

-- +up
-- A merge revision: it joins the two lines of work and changes nothing itself.

-- +down
-- strata: no-op
