#include "engine_fixture.hpp"

#include <algorithm>

#include "strata/util/strings.hpp"

namespace strata::engine::testing {

namespace fs = std::filesystem;

std::string migration_text(const MigrationSpec& spec) {
  std::string text = "-- revision: " + spec.id + "\n";
  if (!spec.revises.empty()) text += "-- revises: " + util::join(spec.revises, ", ") + "\n";
  text += "-- message: migration " + spec.id + "\n";
  if (!spec.labels.empty()) text += "-- branch-labels: " + spec.labels + "\n";
  if (spec.non_transactional) text += "-- transaction: none\n";
  text += "\n-- +up\n" + spec.up;
  if (spec.down) text += "\n-- +down\n" + *spec.down;
  return text;
}

std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::sqlite ? "sqlite" : "postgres";
}

void EngineTest::set_up() {
  fs::create_directories(m_dir / "migrations");
  if (GetParam() == Backend::sqlite) {
    m_url = "sqlite:" + (m_dir / "app.db").string();
    m_database = SelectedDatabase{"test", db::DatabaseUrl::parse(m_url), std::nullopt, std::nullopt};
    return;
  }
  m_pg_schema.emplace(*::strata::testing::pg_admin_url(), "engine_t");
  m_schema = m_pg_schema->name();
  m_url = m_pg_schema->url();
  m_database = SelectedDatabase{"test", db::DatabaseUrl::parse(m_url), std::nullopt, std::nullopt};
}

void EngineTest::TearDown() {
  m_inspect.reset();
  m_pg_schema.reset();
}

void EngineTest::write(const MigrationSpec& spec) {
  m_temp.write("migrations/" + spec.id + "_m.sql", migration_text(spec));
}

void EngineTest::remove_file(const std::string& id) { fs::remove(m_dir / "migrations" / (id + "_m.sql")); }

repo::Repository EngineTest::repository() const {
  repo::RepositoryOptions options;
  options.locations.emplace_back("migrations");
  options.working_directory = m_dir;
  return repo::Repository::load(options);
}

db::Connection& EngineTest::inspect() {
  if (!m_inspect) m_inspect = db::connect(m_database->url, db::ConnectOptions{.create_if_missing = true});
  return *m_inspect;
}

std::vector<std::string> EngineTest::tables() {
  const std::string sql =
      is_postgres() ? "SELECT tablename FROM pg_tables WHERE schemaname = '" + m_schema + "' ORDER BY 1"
                    : "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1";
  std::vector<std::string> names;
  const auto result = inspect().query(sql);
  for (const auto& row : result.rows()) {
    const auto& name = row[0].value_or("");
    if (name.rfind("strata_migrations", 0) != 0 && name != "alembic_version") names.push_back(name);
  }
  return names;
}

std::vector<std::string> EngineTest::version_rows() {
  std::vector<std::string> rows;
  try {
    const auto result = inspect().query("SELECT revision FROM strata_migrations ORDER BY 1");
    for (const auto& row : result.rows()) rows.push_back(row[0].value_or(""));
  } catch (const DatabaseError&) {
    // No store yet.
  }
  return rows;
}

std::vector<std::string> EngineTest::log_actions() {
  std::vector<std::string> actions;
  const auto result =
      inspect().query("SELECT action || ' ' || coalesce(revision, '') FROM strata_migrations_log ORDER BY id");
  for (const auto& row : result.rows()) actions.push_back(row[0].value_or(""));
  return actions;
}

}  // namespace strata::engine::testing
