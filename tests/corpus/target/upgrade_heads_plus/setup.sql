CREATE TABLE strata_migrations (revision TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL, execution_ms BIGINT NOT NULL DEFAULT 0, applied_by TEXT NOT NULL, dirty INTEGER NOT NULL DEFAULT 0 CHECK (dirty IN (0, 1)), statements_done INTEGER NOT NULL DEFAULT 0, dirty_statement INTEGER, dirty_error TEXT);
CREATE TABLE strata_migrations_log (id INTEGER PRIMARY KEY AUTOINCREMENT, logged_at TEXT NOT NULL, action TEXT NOT NULL, revision TEXT, detail TEXT, performed_by TEXT NOT NULL);
INSERT INTO strata_migrations VALUES ('a1', '6bd106722b2d4ae5970b414eeb073c9c3bcb9d4672f673cfb51a3b6411d28e12', '2026-01-01T00:00:00Z', 1, 'corpus', 0, 0, NULL, NULL);
CREATE TABLE t_a1 (id int);
