// PostgreSQL scratch databases (see scratch.hpp): CREATE DATABASE on the same server, or the user's explicit one.
#include "strata/db/postgres/pg_scratch.hpp"

#include <fmt/format.h>

#include "strata/db/scratch_impl.hpp"
#include "strata/db/sql_text.hpp"
#include "strata/db/statement_error.hpp"

namespace strata::db::postgres {

namespace {

std::string role_of(const DatabaseUrl& url) { return url.keyword("user").value_or("the connecting role"); }

// Objects a user created: relations, routines, types (not array or row types), extensions but plpgsql, schemas
// but public, outside the system schemas.
constexpr const char* k_count_user_objects = R"sql(
WITH user_namespaces AS (
  SELECT oid, nspname FROM pg_namespace
  WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname !~ '^pg_(toast|temp_|toast_temp_)')
SELECT (SELECT count(*) FROM pg_class c JOIN user_namespaces n ON n.oid = c.relnamespace)
     + (SELECT count(*) FROM pg_proc p JOIN user_namespaces n ON n.oid = p.pronamespace)
     + (SELECT count(*) FROM pg_type t JOIN user_namespaces n ON n.oid = t.typnamespace
        WHERE t.typrelid = 0 AND t.typelem = 0)
     + (SELECT count(*) FROM pg_extension WHERE extname <> 'plpgsql')
     + (SELECT count(*) FROM user_namespaces WHERE nspname <> 'public'))sql";

// Drops every object a user can create: schemas but public, extensions but plpgsql, and public's relations,
// routines and types. (DROP OWNED BY would also do, except for the bootstrap superuser, whose objects the system
// needs.)
constexpr const char* k_drop_user_objects = R"sql(
DO $strata$
DECLARE r record;
BEGIN
  FOR r IN SELECT nspname FROM pg_namespace
           WHERE nspname NOT IN ('public', 'pg_catalog', 'information_schema') AND nspname !~ '^pg_' LOOP
    EXECUTE format('DROP SCHEMA IF EXISTS %I CASCADE', r.nspname);
  END LOOP;
  FOR r IN SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' LOOP
    EXECUTE format('DROP EXTENSION IF EXISTS %I CASCADE', r.extname);
  END LOOP;
  IF to_regnamespace('public') IS NULL THEN RETURN; END IF;
  FOR r IN SELECT relname, relkind FROM pg_class
           WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
           ORDER BY relkind = 'S' LOOP  -- tables first: an identity sequence goes with its table
    EXECUTE format('DROP %s IF EXISTS public.%I CASCADE',
                   CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
                                  WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, r.relname);
  END LOOP;
  FOR r IN SELECT oid::regprocedure::text AS signature, prokind FROM pg_proc
           WHERE pronamespace = 'public'::regnamespace LOOP
    EXECUTE format('DROP %s IF EXISTS %s CASCADE',
                   CASE r.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END,
                   r.signature);
  END LOOP;
  FOR r IN SELECT typname, typtype FROM pg_type t
           WHERE typnamespace = 'public'::regnamespace AND typtype IN ('e', 'd', 'c', 'r')
             AND (typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c') LOOP
    EXECUTE format('DROP %s IF EXISTS public.%I CASCADE', CASE r.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END,
                   r.typname);
  END LOOP;
END
$strata$)sql";

// A database strata created and drops: the admin connection (to the database the user named) creates it and, once
// the scratch connection is closed, drops it.
class CreatedScratch final : public ScratchDatabase {
public:
  CreatedScratch(const DatabaseUrl& near, const ScratchOptions& options)
      : m_admin(db::connect(near, options.connect)), m_name(scratch_name()) {
    try {
      m_admin->execute(fmt::format("CREATE DATABASE {} TEMPLATE template0", quote_identifier(m_name)));
    } catch (const StatementError& error) {
      if (error.fields().sqlstate != "42501") throw;
      throw DatabaseError(
          ErrorCode::scratch_not_permitted,
          fmt::format("{}: role '{}' may not create databases, and strata builds schemas on a scratch database "
                      "[42501]\nhint: name an empty database strata may use instead, with --scratch-url URL or `url` "
                      "under [scratch] in strata.toml; or, as a superuser, run: ALTER ROLE {} CREATEDB",
                      near.redacted(), role_of(near), quote_identifier(role_of(near))),
          statement_fields("42501", {}));
    }
    const DatabaseUrl url = near.with_database(m_name);
    m_display = url.redacted();
    try {
      m_connection = db::connect(url, options.connect);
      // Nothing on a scratch database needs to survive a crash: commits need not wait for the disk.
      m_connection->execute("SET synchronous_commit = off");
    } catch (...) {
      drop_quietly();
      throw;
    }
  }
  ~CreatedScratch() override { drop_quietly(); }

  Connection& connection() override { return *m_connection; }
  const std::string& display_name() const noexcept override { return m_display; }

  void drop() override {
    if (!m_admin) return;
    m_connection.reset();
    auto admin = std::move(m_admin);
    // FORCE: a session a failed migration left behind (or a pooler) must not keep the database alive.
    admin->execute(fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", quote_identifier(m_name)));
  }

private:
  void drop_quietly() noexcept {
    try {
      drop();
    } catch (...) {  // best effort on the way out; the name starts with strata_scratch_ for manual cleanup
    }
  }

  std::unique_ptr<Connection> m_admin;
  std::string m_name;
  std::string m_display;
  std::unique_ptr<Connection> m_connection;
};

// The user's dev database: checked empty, and emptied again when done.
class ExplicitScratch final : public ScratchDatabase {
public:
  ExplicitScratch(const DatabaseUrl& url, const ScratchOptions& options)
      : m_connection(db::connect(url, options.connect)), m_display(url.redacted()) {
    const auto objects = m_connection->query(k_count_user_objects).one_field().value_or("0");
    if (objects != "0") {
      m_connection.reset();
      throw DatabaseError(ErrorCode::scratch_not_empty,
                          fmt::format("the scratch database {} is not empty ({} {}); strata drops everything it "
                                      "creates there, so it must start empty\nhint: create an empty database for "
                                      "strata's scratch work, e.g. createdb strata_scratch, and name it with "
                                      "--scratch-url or [scratch] url",
                                      m_display, objects, objects == "1" ? "object" : "objects"));
    }
    const Result schemas = m_connection->query("SELECT nspname FROM pg_namespace WHERE nspname = 'public'");
    for (const Row& row : schemas.rows()) m_schemas.push_back(*row[0]);
  }
  ~ExplicitScratch() override {
    try {
      drop();
    } catch (...) {  // best effort on the way out
    }
  }

  Connection& connection() override { return *m_connection; }
  const std::string& display_name() const noexcept override { return m_display; }

  void drop() override {
    if (!m_connection) return;
    auto connection = std::move(m_connection);
    connection->execute(k_drop_user_objects);
    for (const std::string& schema : m_schemas)
      connection->execute(fmt::format("CREATE SCHEMA IF NOT EXISTS {}", quote_identifier(schema)));
  }

private:
  std::unique_ptr<Connection> m_connection;
  std::string m_display;
  std::vector<std::string> m_schemas;
};

}  // namespace

std::unique_ptr<ScratchDatabase> create_scratch(const DatabaseUrl& near, const ScratchOptions& options) {
  return std::make_unique<CreatedScratch>(near, options);
}

std::unique_ptr<ScratchDatabase> open_explicit_scratch(const DatabaseUrl& url, const ScratchOptions& options) {
  return std::make_unique<ExplicitScratch>(url, options);
}

}  // namespace strata::db::postgres
