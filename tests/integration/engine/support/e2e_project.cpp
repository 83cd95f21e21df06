#include "engine/support/e2e_project.hpp"

#include <algorithm>
#include <fstream>
#include <iomanip>
#include <sstream>

namespace strata::testing {

namespace fs = std::filesystem;

namespace {

std::string comma_list(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

}  // namespace

std::string migration_text(const Migration& migration) {
  std::string text = "-- revision: " + migration.id + "\n";
  if (!migration.revises.empty()) text += "-- revises: " + comma_list(migration.revises) + "\n";
  text += "-- message: " + migration.slug + "\n";
  if (!migration.branch_labels.empty()) text += "-- branch-labels: " + comma_list(migration.branch_labels) + "\n";
  if (migration.non_transactional) text += "-- transaction: none\n";
  text += "\n-- +up\n" + migration.up;
  if (!migration.down.empty()) text += "\n-- +down\n" + migration.down;
  return text;
}

std::string file_name(const Migration& migration) { return migration.id + "_" + migration.slug + ".sql"; }

int line_of(const std::string& text, const std::string& needle) {
  const auto at = text.find(needle);
  if (at == std::string::npos) return 0;
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

E2eProject::E2eProject() { fs::create_directories(migrations()); }

fs::path E2eProject::write(const Migration& migration) const {
  return m_dir.write(fs::path("migrations") / file_name(migration), migration_text(migration));
}

void E2eProject::write_all(const std::vector<Migration>& migrations) const {
  for (const auto& migration : migrations) write(migration);
}

RunResult E2eProject::run(std::vector<std::string> args, std::map<std::string, std::string> env) const {
  args.push_back("-d");
  args.push_back("migrations");
  RunOptions options{.cwd = dir(), .env = std::move(env), .unset_env = {}};
  if (options.env.count("DATABASE_URL") == 0) options.unset_env.push_back("DATABASE_URL");
  return run_strata(args, options);
}

std::vector<Migration> users_chain() {
  return {
      {k_rev1,
       "create_users",
       {},
       "CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL);\n",
       "DROP TABLE users;\n",
       {},
       false},
      {k_rev2,
       "add_email",
       {k_rev1},
       "ALTER TABLE users ADD COLUMN email text;\n",
       "ALTER TABLE users DROP COLUMN email;\n",
       {},
       false},
      {k_rev3,
       "create_orders",
       {k_rev2},
       "CREATE TABLE orders (\n  id integer PRIMARY KEY,\n  user_id integer NOT NULL REFERENCES users (id)\n);\n"
       "CREATE INDEX orders_user_id ON orders (user_id);\n",
       "DROP TABLE orders;\n",
       {},
       false},
  };
}

std::string table_revision_id(int index) {
  std::ostringstream id;
  id << "r" << std::setw(11) << std::setfill('0') << index;
  return id.str();
}

std::vector<Migration> table_per_revision(int count) {
  std::vector<Migration> migrations;
  for (int i = 1; i <= count; ++i) {
    const auto id = table_revision_id(i);
    const auto table = "t_" + std::to_string(i);
    migrations.push_back({id,
                          "table_" + std::to_string(i),
                          i == 1 ? std::vector<std::string>{} : std::vector<std::string>{table_revision_id(i - 1)},
                          "CREATE TABLE " + table + " (id integer PRIMARY KEY, note text);\n",
                          "DROP TABLE " + table + ";\n",
                          {},
                          false});
  }
  return migrations;
}

nlohmann::json json_document(const RunResult& result) {
  try {
    return nlohmann::json::parse(result.out);
  } catch (const nlohmann::json::parse_error&) {
    ADD_FAILURE() << "stdout is not one JSON document:\n" << describe(result);
    return {};
  }
}

std::vector<nlohmann::json> json_lines(const RunResult& result) {
  std::vector<nlohmann::json> lines;
  std::istringstream stream(result.out);
  std::string line;
  while (std::getline(stream, line)) {
    if (line.empty()) continue;
    try {
      lines.push_back(nlohmann::json::parse(line));
    } catch (const nlohmann::json::parse_error&) {
      ADD_FAILURE() << "stdout line is not JSON: " << line << "\n" << describe(result);
    }
  }
  return lines;
}

std::string file_bytes(const fs::path& path) {
  if (!fs::exists(path)) return "<missing>";
  return read_file(path);
}

std::string backend_param_name(const ::testing::TestParamInfo<Backend>& info) { return backend_name(info.param); }

void EngineTest::set_up() {
  m_db = std::make_unique<TestDatabase>(backend(), m_project.dir(),
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
}

std::unique_ptr<TestDatabase> EngineTest::another_database(const std::string& name) const {
  return std::make_unique<TestDatabase>(backend(), m_project.dir(), name);
}

RunResult EngineTest::strata(std::vector<std::string> args) const {
  args.push_back("--url");
  args.push_back(m_db->url());
  return m_project.run(std::move(args));
}

RunResult EngineTest::strata_ok(std::vector<std::string> args) const {
  auto result = strata(args);
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  return result;
}

}  // namespace strata::testing
