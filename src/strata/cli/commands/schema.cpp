// strata schema: the schema a database holds, read from its catalog, as a compact listing (text), a script that
// recreates it (sql) or a document (json).
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "strata/cli/commands/database_commands.hpp"
#include "strata/cli/commands/database_options.hpp"
#include "strata/db/connection.hpp"
#include "strata/schema/diff.hpp"
#include "strata/schema/format.hpp"
#include "strata/schema/read.hpp"

namespace strata::cli::commands {

namespace schema_command {
namespace {

struct SchemaOptions {
  DatabaseOptions database;
  std::string format = "text";
  std::vector<std::string> schemas;
};

schema::Snapshot read(Context& context, const SchemaOptions& options, const engine::SelectedDatabase& database) {
  const auto settings = run_settings(context, database, options.database);
  db::ConnectOptions connect;
  connect.busy_timeout = settings.lock_timeout;
  const auto connection = db::connect(database.url, connect);
  schema::ReadOptions read;
  read.schemas = options.schemas;
  read.version_store = settings.store;
  return schema::read_snapshot(*connection, read);
}

Json database_json(const engine::SelectedDatabase& database, schema::Snapshot snapshot) {
  std::string hash = schema::snapshot_hash(snapshot);
  // Moved, not copied: on a large schema a copy of the objects costs as much as building them.
  auto document = schema::to_json(std::move(snapshot));
  return Json{{"name", database.name},
              {"url", database.url.redacted()},
              {"engine", std::move(document["engine"])},
              {"hash", std::move(hash)},
              {"objects", std::move(document["objects"])}};
}

int run(Context& context, const SchemaOptions& options) {
  auto& out = context.out();
  const auto databases = selected_databases(context, options.database);
  const bool several = databases.size() > 1 || options.database.all;
  // JSON (by --json, or --format json) is one document for all the databases, so it stays parseable.
  if (out.json() || options.format == "json") {
    auto documents = Json::array();
    int worst = 0;
    for (const auto& database : databases) {
      try {
        documents.push_back(database_json(database, read(context, options, database)));
      } catch (const Error& error) {
        if (!several) throw;
        worst = std::max(worst, static_cast<int>(error.exit_code()));
        documents.push_back(database_failure_json(database.name, database.url.redacted(), error_body(error)));
      }
    }
    if (several) out.document(Json{{"databases", documents}});
    else out.document(documents.front());
    return worst;
  }
  return for_each_database(context, options.database, false, [&](const engine::SelectedDatabase& database) {
    const auto snapshot = read(context, options, database);
    std::string text = options.format == "sql" ? schema::format_sql(snapshot) : schema::format_text(snapshot);
    if (several) {
      const std::string comment = options.format == "sql" ? "-- " : "# ";
      context.out().line(fmt::format("{}{}: {}", comment, database.name, database.url.redacted()));
    }
    context.out().raw(text);
    return 0;
  });
}

}  // namespace
}  // namespace schema_command

Runner setup_schema(CLI::App& app) {
  auto options = std::make_shared<schema_command::SchemaOptions>();
  add_selection_options(app, options->database);
  app.add_option("--format", options->format, "text (default), sql (a script that recreates it) or json")
      ->check(CLI::IsMember({"text", "sql", "json"}));
  app.add_option("--schema", options->schemas,
                 "PostgreSQL: read only this schema (repeatable; default: all but "
                 "the system schemas)")
      ->type_name("NAME");
  return [options](Context& context) { return schema_command::run(context, *options); };
}

}  // namespace strata::cli::commands
