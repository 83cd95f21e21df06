// The DDL generator's property: for random pairs of schemas FROM and TO, FROM's `schema --format sql` script
// followed by generate_ddl(FROM, TO) gives exactly TO, and generate_ddl(TO, FROM) then gives FROM back. On real
// SQLite and the test suite's real PostgreSQL. Each pair has its own seed, printed with any failure;
// STRATA_DDL_PAIRS and STRATA_DDL_SEED change how many pairs run and where the seeds start (bench/ uses them).
#include <gtest/gtest.h>

#include <cstdlib>
#include <random>

#include "db/support.hpp"
#include "schema/ddl_support.hpp"
#include "strata/db/statement.hpp"
#include "strata/schema/ddl.hpp"
#include "strata/schema/diff.hpp"
#include "strata/schema/format.hpp"
#include "strata/schema/read.hpp"

namespace strata::schema {
namespace {

using db::testing::TestDatabase;
using ::strata::testing::TempDir;

struct Column {
  std::string name;
  std::string type;
  bool not_null = false;
  std::string fallback;  // the DEFAULT expression, or empty
};
struct Table {
  std::string name;
  std::vector<Column> columns;  // after the id
  std::string unique;           // a column with a UNIQUE constraint, or empty
  int check = 0;                // 0: none, else CHECK (id > check - 1)
  std::string fk_to;            // a table whose id `ref` references, or empty
  std::string index;            // an indexed column, or empty
  bool unique_index = false;
};
struct View {
  std::string name;
  std::string table;
  std::vector<std::string> columns;
};
struct Enum {
  std::string name;
  std::vector<std::string> values;
};
struct Spec {
  std::vector<Table> tables;
  std::vector<View> views;
  std::vector<Enum> enums;                             // PostgreSQL
  std::vector<std::pair<std::string, int>> sequences;  // PostgreSQL: name, increment
};

using Rng = std::mt19937;
int pick(Rng& rng, int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); }
bool coin(Rng& rng, int percent = 50) { return pick(rng, 100) < percent; }

class Generator {
public:
  explicit Generator(db::Engine engine) : m_engine(engine) {}

  std::vector<std::string> types(const Spec& spec) const {
    std::vector<std::string> types =
        pg() ? std::vector<std::string>{"integer", "bigint", "text", "varchar(20)", "boolean", "numeric(10,2)"}
             : std::vector<std::string>{"INTEGER", "TEXT", "REAL", "BLOB", "NUMERIC", "VARCHAR(20)"};
    for (const auto& type : spec.enums) types.push_back(type.name);
    return types;
  }

  std::string default_for(const Spec& spec, const std::string& type, Rng& rng) const {
    for (const auto& type_enum : spec.enums)
      if (type_enum.name == type)
        return "'" + type_enum.values[pick(rng, static_cast<int>(type_enum.values.size()))] + "'";
    if (type == "boolean") return coin(rng) ? "true" : "false";
    if (type == "text" || type == "TEXT" || type == "varchar(20)" || type == "VARCHAR(20)" || type == "BLOB")
      return coin(rng) ? "'x'" : "'y'";
    return std::to_string(pick(rng, 9));
  }

  Column column(const Spec& spec, const std::string& name, Rng& rng) const {
    const auto all = types(spec);
    Column column{name, all[pick(rng, static_cast<int>(all.size()))], coin(rng, 30), ""};
    if (coin(rng, 40) || column.not_null) column.fallback = default_for(spec, column.type, rng);
    return column;
  }

  Table table(const Spec& spec, const std::string& name, Rng& rng) const {
    Table table{name, {}, "", 0, "", "", false};
    const int columns = 1 + pick(rng, 3);
    for (int i = 0; i < columns; ++i) table.columns.push_back(column(spec, "c" + std::to_string(i), rng));
    if (coin(rng, 30)) table.unique = table.columns[0].name;
    if (coin(rng, 30)) table.check = 1 + pick(rng, 2);
    if (coin(rng, 40)) table.index = table.columns.back().name;
    table.unique_index = coin(rng, 30);
    return table;
  }

  Spec random(Rng& rng) const {
    Spec spec;
    if (pg())
      for (int i = 0, n = pick(rng, 3); i < n; ++i) spec.enums.push_back(enum_type("e" + std::to_string(i), rng));
    if (pg())
      for (int i = 0, n = pick(rng, 3); i < n; ++i)
        spec.sequences.push_back({"s" + std::to_string(i), 1 + pick(rng, 3)});
    const int tables = 1 + pick(rng, 4);
    for (int i = 0; i < tables; ++i) spec.tables.push_back(table(spec, "t" + std::to_string(i), rng));
    for (auto& table : spec.tables)
      if (coin(rng, 40)) table.fk_to = spec.tables[pick(rng, tables)].name;
    for (int i = 0, n = pick(rng, 3); i < n; ++i) add_view(spec, "v" + std::to_string(i), rng);
    return spec;
  }

  Enum enum_type(const std::string& name, Rng& rng) const {
    Enum type{name, {}};
    for (const char* value : {"a", "b", "c", "d"})
      if (coin(rng, 70)) type.values.push_back(value);
    if (type.values.empty()) type.values.push_back("a");
    return type;
  }

  void add_view(Spec& spec, const std::string& name, Rng& rng) const {
    const Table& table = spec.tables[pick(rng, static_cast<int>(spec.tables.size()))];
    View view{name, table.name, {"id"}};
    for (const auto& column : table.columns)
      if (coin(rng)) view.columns.push_back(column.name);
    spec.views.push_back(view);
  }

  // One to four random edits of `spec`.
  Spec mutate(Spec spec, Rng& rng) const {
    for (int edits = 1 + pick(rng, 4); edits > 0; --edits) {
      Table& table = spec.tables[pick(rng, static_cast<int>(spec.tables.size()))];
      switch (pick(rng, pg() ? 16 : 13)) {
        case 0: spec.tables.push_back(this->table(spec, "t" + std::to_string(m_next++ + 10), rng)); break;
        case 1:
          if (spec.tables.size() > 1)
            spec.tables.erase(spec.tables.begin() + pick(rng, static_cast<int>(spec.tables.size())));
          break;
        case 2: table.columns.push_back(column(spec, "c" + std::to_string(m_next++ + 10), rng)); break;
        case 3:
          if (table.columns.size() > 1)
            table.columns.erase(table.columns.begin() + pick(rng, static_cast<int>(table.columns.size())));
          break;
        case 4: {
          Column& column = table.columns[pick(rng, static_cast<int>(table.columns.size()))];
          const auto all = types(spec);
          column.type = all[pick(rng, static_cast<int>(all.size()))];
          if (!column.fallback.empty()) column.fallback = default_for(spec, column.type, rng);
          break;
        }
        case 5: {
          Column& column = table.columns[pick(rng, static_cast<int>(table.columns.size()))];
          column.not_null = !column.not_null;
          if (column.not_null && column.fallback.empty()) column.fallback = default_for(spec, column.type, rng);
          break;
        }
        case 6: {
          Column& column = table.columns[pick(rng, static_cast<int>(table.columns.size()))];
          column.fallback = coin(rng) && !column.not_null ? "" : default_for(spec, column.type, rng);
          break;
        }
        case 7: table.unique = table.unique.empty() ? table.columns[0].name : ""; break;
        case 8: table.check = (table.check + 1) % 3; break;
        case 9:
          table.fk_to = table.fk_to.empty() ? spec.tables[pick(rng, static_cast<int>(spec.tables.size()))].name : "";
          break;
        case 10:
          table.index = table.index.empty() ? table.columns[0].name : "";
          table.unique_index = coin(rng);
          break;
        case 11: add_view(spec, "v" + std::to_string(m_next++ + 10), rng); break;
        case 12:
          if (!spec.views.empty())
            spec.views.erase(spec.views.begin() + pick(rng, static_cast<int>(spec.views.size())));
          break;
        case 13: spec.enums.push_back(enum_type("e" + std::to_string(m_next++ + 10), rng)); break;
        case 14:
          if (!spec.enums.empty()) {
            Enum& type = spec.enums[pick(rng, static_cast<int>(spec.enums.size()))];
            type = enum_type(type.name, rng);
          }
          break;
        case 15:
          if (coin(rng) || spec.sequences.empty())
            spec.sequences.push_back({"s" + std::to_string(m_next++ + 10), 1 + pick(rng, 3)});
          else spec.sequences[0].second += 1;
          break;
      }
    }
    fix(spec, rng);
    return spec;
  }

  // Drops what an edit left dangling: references to tables and columns that went, defaults of enum values that went.
  void fix(Spec& spec, Rng& rng) const {
    const auto table_named = [&](const std::string& name) -> const Table* {
      for (const auto& table : spec.tables)
        if (table.name == name) return &table;
      return nullptr;
    };
    const auto has_column = [](const Table& table, const std::string& name) {
      for (const auto& column : table.columns)
        if (column.name == name) return true;
      return false;
    };
    for (auto& table : spec.tables) {
      if (!table.fk_to.empty() && table_named(table.fk_to) == nullptr) table.fk_to.clear();
      if (!table.unique.empty() && !has_column(table, table.unique)) table.unique.clear();
      if (!table.index.empty() && !has_column(table, table.index)) table.index.clear();
      for (auto& column : table.columns) {
        bool known = true;
        for (const auto& type_enum : spec.enums)
          if (type_enum.name == column.type)
            known = std::find(type_enum.values.begin(), type_enum.values.end(),
                              column.fallback.empty() ? "a" : column.fallback.substr(1, 1)) != type_enum.values.end() ||
                    column.fallback.empty();
        if (!known) column.fallback = default_for(spec, column.type, rng);
      }
    }
    std::vector<View> views;
    for (const auto& view : spec.views) {
      const Table* table = table_named(view.table);
      if (table == nullptr) continue;
      bool whole = true;
      for (const auto& column : view.columns) whole = whole && (column == "id" || has_column(*table, column));
      if (whole) views.push_back(view);
    }
    spec.views = views;
  }

  std::string sql(const Spec& spec) const {
    std::string out;
    for (const auto& type : spec.enums) {
      out += "CREATE TYPE " + type.name + " AS ENUM (";
      for (std::size_t i = 0; i < type.values.size(); ++i) out += (i > 0 ? ", '" : "'") + type.values[i] + "'";
      out += ");\n";
    }
    for (const auto& [name, increment] : spec.sequences)
      out += "CREATE SEQUENCE " + name + " INCREMENT BY " + std::to_string(increment) + ";\n";
    for (const auto& table : spec.tables) {
      out += "CREATE TABLE " + table.name + " (\n  id " + std::string(pg() ? "integer" : "INTEGER") + " PRIMARY KEY";
      for (const auto& column : table.columns) {
        out += ",\n  " + column.name + " " + column.type;
        if (column.not_null) out += " NOT NULL";
        if (!column.fallback.empty()) out += " DEFAULT " + column.fallback;
      }
      if (!table.fk_to.empty()) out += ",\n  ref integer";
      if (!table.unique.empty()) out += ",\n  CONSTRAINT " + table.name + "_uq UNIQUE (" + table.unique + ")";
      if (table.check > 0)
        out += ",\n  CONSTRAINT " + table.name + "_ck CHECK (id > " + std::to_string(table.check - 1) + ")";
      if (!pg() && !table.fk_to.empty()) out += ",\n  FOREIGN KEY (ref) REFERENCES " + table.fk_to + " (id)";
      out += "\n);\n";
      if (!table.index.empty())
        out += std::string("CREATE ") + (table.unique_index ? "UNIQUE " : "") + "INDEX " + table.name + "_ix ON " +
               table.name + " (" + table.index + ");\n";
    }
    if (pg())
      for (const auto& table : spec.tables)
        if (!table.fk_to.empty())
          out += "ALTER TABLE " + table.name + " ADD CONSTRAINT " + table.name + "_fk FOREIGN KEY (ref) REFERENCES " +
                 table.fk_to + " (id);\n";
    for (const auto& view : spec.views) {
      out += "CREATE VIEW " + view.name + " AS SELECT ";
      for (std::size_t i = 0; i < view.columns.size(); ++i) out += (i > 0 ? ", " : "") + view.columns[i];
      out += " FROM " + view.table + ";\n";
    }
    return out;
  }

private:
  bool pg() const { return m_engine == db::Engine::postgres; }
  db::Engine m_engine;
  mutable int m_next = 0;
};

int env_int(const char* name, int fallback) {
  const char* value = std::getenv(name);
  return value == nullptr || *value == '\0' ? fallback : std::atoi(value);
}

void property(db::Engine engine, const std::string& pg_url) {
  const int pairs = env_int("STRATA_DDL_PAIRS", 200);
  const int first_seed = env_int("STRATA_DDL_SEED", 1);
  Generator generator(engine);
  Target target(engine, pg_url);
  int failures = 0;
  for (int seed = first_seed; seed < first_seed + pairs && failures < 3; ++seed) {
    Rng rng(static_cast<unsigned>(seed));
    const Spec from_spec = generator.random(rng);
    const Spec to_spec = generator.mutate(from_spec, rng);
    const std::string from_sql = generator.sql(from_spec);
    const std::string to_sql = generator.sql(to_spec);
    Snapshot from;
    Snapshot to;
    try {
      from = target.build(from_sql);
      to = target.build(to_sql);
    } catch (const std::exception& error) {
      ADD_FAILURE() << "seed " << seed << ": the generated schemas do not build: " << error.what() << "\nFROM:\n"
                    << from_sql << "TO:\n"
                    << to_sql;
      ++failures;
      continue;
    }
    for (const bool up : {true, false}) {
      const Snapshot& start = up ? from : to;
      const Snapshot& goal = up ? to : from;
      // Every fifth PostgreSQL pair also takes the online forms (indexes concurrently, constraints NOT VALID).
      DdlOptions options;
      options.online = engine == db::Engine::postgres && seed % 5 == 0;
      const Ddl ddl = generate_ddl(start, goal, options);
      std::string step = std::string(up ? "up" : "down") + (options.online ? " (online)" : "");
      try {
        db::Connection& connection = target.reset();
        run_script(connection, format_sql(start));
        run_script(connection, ddl.before_sql);
        run_script(connection, ddl.sql);
        run_script(connection, ddl.after_sql);
        const auto differences = diff(goal, target.read());
        if (!differences.empty()) {
          ADD_FAILURE() << "seed " << seed << ": " << step << " leaves differences:\n"
                        << listing(differences) << "FROM:\n"
                        << from_sql << "TO:\n"
                        << to_sql << step << " DDL:\n"
                        << ddl.before_sql << ddl.sql << ddl.after_sql;
          ++failures;
        }
      } catch (const std::exception& error) {
        ADD_FAILURE() << "seed " << seed << ": " << step << " fails: " << error.what() << "\nFROM:\n"
                      << from_sql << "TO:\n"
                      << to_sql << step << " DDL:\n"
                      << ddl.before_sql << ddl.sql << ddl.after_sql;
        ++failures;
      }
    }
  }
}

TEST(DdlProperty, SqliteRandomPairsRoundTrip) { property(db::Engine::sqlite, ""); }

TEST(DdlProperty, PostgresRandomPairsRoundTrip) {
  STRATA_PG_URL_OR_SKIP(url);
  property(db::Engine::postgres, url);
}

}  // namespace
}  // namespace strata::schema
