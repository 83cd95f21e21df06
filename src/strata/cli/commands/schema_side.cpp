#include "strata/cli/commands/schema_side.hpp"

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "strata/core/error.hpp"
#include "strata/db/connection.hpp"
#include "strata/graph/plan.hpp"
#include "strata/schema/read.hpp"

namespace strata::cli::commands {

namespace {

constexpr std::string_view k_revision_prefix = "revision:";

}  // namespace

Side classify_side(const std::string& text) {
  if (text.rfind(k_revision_prefix, 0) == 0) return {SideKind::revision, text, std::nullopt};
  if (text.size() > 4 && text.compare(text.size() - 4, 4, ".sql") == 0) return {SideKind::sql_file, text, std::nullopt};
  return {SideKind::url, text, db::DatabaseUrl::parse(text)};
}

std::string shown(const Side& side) { return side.url ? side.url->redacted() : side.text; }

db::DatabaseUrl scratch_near(Context& context, const DatabaseOptions& database, const std::vector<const Side*>& sides,
                             const engine::ScratchSettings& scratch, const std::string& command) {
  for (const Side* side : sides)
    if (side->url) return *side->url;
  if (scratch.url) return *scratch.url;
  try {
    return selected_databases(context, database).front().url;
  } catch (const UsageError&) {
    throw UsageError(ErrorCode::no_engine,
                     fmt::format("{0} builds the schemas on a scratch database but does not know which engine: no "
                                 "side is a database URL and no database is configured\nhint: name one, e.g. strata "
                                 "{0} --url sqlite:scratch.db",
                                 command));
  }
}

std::string read_sql_file(Context& context, const std::string& shown_path) {
  std::ifstream in(context.invocation().cwd / shown_path, std::ios::binary);
  if (!in)
    throw UsageError(ErrorCode::no_file, fmt::format("cannot read '{}': no such file or not readable", shown_path));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

schema::Snapshot snapshot_of(Context& context, const Side& side, const db::DatabaseUrl& near,
                             const engine::ScratchSettings& scratch) {
  if (side.kind == SideKind::url) {
    auto connection = db::connect(*side.url);
    schema::ReadOptions read;
    read.schemas = scratch.schemas;
    return schema::read_snapshot(*connection, read);
  }
  const auto& repository = context.repository();
  engine::Replayer replayer(repository, near, scratch);
  if (side.kind == SideKind::revision) {
    const auto& graph = repository.graph();
    replayer.move_to(graph.ancestors(graph::resolve(graph, side.text.substr(k_revision_prefix.size()))));
  } else {
    replayer.run_script(read_sql_file(context, side.text), side.text);
  }
  auto snapshot = replayer.snapshot();
  replayer.finish();
  return snapshot;
}

schema::DdlOptions ddl_options(const std::vector<std::string>& renames, bool down, const std::string& hint) {
  schema::DdlOptions options;
  for (const auto& rename : renames) {
    const auto equals = rename.find('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 == rename.size())
      throw UsageError(ErrorCode::bad_rename, fmt::format("--rename '{}' is not OLD=NEW\nhint: {}", rename, hint));
    std::string old_name = rename.substr(0, equals);
    std::string new_name = rename.substr(equals + 1);
    // The new name may be bare; the down section needs it qualified like the old one.
    if (new_name.find('.') == std::string::npos && old_name.rfind('.') != std::string::npos)
      new_name = old_name.substr(0, old_name.rfind('.') + 1) + new_name;
    if (down) std::swap(old_name, new_name);
    options.renames.emplace_back(old_name, new_name);
  }
  return options;
}

Json ddl_json(const schema::Ddl& ddl) {
  Json warnings = Json::array();
  for (const auto& warning : ddl.warnings)
    warnings.push_back(
        Json{{"kind", schema::to_string(warning.kind)}, {"object", warning.object}, {"reason", warning.reason}});
  return Json{
      {"sql", ddl.sql}, {"transaction", ddl.needs_no_transaction ? "none" : "per-migration"}, {"warnings", warnings}};
}

}  // namespace strata::cli::commands
