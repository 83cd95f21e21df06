#pragma once
// What the DDL tests share: a real database emptied on demand (a new SQLite file, or the PostgreSQL test schema
// dropped and created again), scripts run statement by statement, and differences listed for a failure message.
#include <memory>
#include <string>
#include <vector>

#include "db/support.hpp"
#include "strata/db/statement.hpp"
#include "strata/schema/diff.hpp"
#include "strata/schema/read.hpp"

namespace strata::schema {

using db::testing::TestDatabase;
using ::strata::testing::TempDir;

inline void run_script(db::Connection& connection, const std::string& sql) {
  for (const auto& statement : db::split_statements(connection.engine(), sql)) connection.execute(statement.text);
}

inline std::string listing(const std::vector<Difference>& differences) {
  std::string text;
  for (const auto& difference : differences) text += "  " + format_difference(difference) + "\n";
  return text;
}

// A database emptied for each pair: a new SQLite file, or PostgreSQL's test schema dropped and created again.
class Target {
public:
  Target(db::Engine engine, const std::string& pg_url) : m_engine(engine), m_pg_url(pg_url) {
    if (engine == db::Engine::postgres) {
      m_database = std::make_unique<TestDatabase>(engine, pg_url);
      m_connection = m_database->open();
    }
  }
  db::Connection& reset() {
    if (m_engine == db::Engine::sqlite) {
      m_connection.reset();
      db::ConnectOptions options;
      options.create_if_missing = true;
      m_connection =
          db::connect(db::DatabaseUrl::parse("sqlite:" + m_dir.file("p" + std::to_string(++m_files) + ".db")), options);
      // Throwaway files: waiting for the disk after every statement would make the test crawl.
      m_connection->execute("PRAGMA synchronous = OFF");
    } else {
      m_connection->execute("DROP SCHEMA " + m_database->schema() + " CASCADE");
      m_connection->execute("CREATE SCHEMA " + m_database->schema());
    }
    return *m_connection;
  }
  Snapshot read() {
    ReadOptions options;
    if (m_database) options.schemas = {m_database->schema()};
    return read_snapshot(*m_connection, options);
  }
  Snapshot build(const std::string& sql) {
    run_script(reset(), sql);
    return read();
  }

private:
  db::Engine m_engine;
  std::string m_pg_url;
  TempDir m_dir;
  std::unique_ptr<TestDatabase> m_database;
  std::unique_ptr<db::Connection> m_connection;
  int m_files = 0;
};

}  // namespace strata::schema
