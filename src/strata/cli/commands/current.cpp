// strata current: the database's heads and how many revisions it has applied.
#include <algorithm>
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "strata/cli/commands/database_commands.hpp"
#include "strata/cli/commands/database_options.hpp"
#include "strata/cli/revision_format.hpp"
#include "strata/engine/status.hpp"
#include "strata/util/strings.hpp"

namespace strata::cli::commands {

namespace current_command {
namespace {

int run(Context& context, const DatabaseOptions& options) {
  const auto& repository = context.repository();
  const auto databases = selected_databases(context, options);
  auto& out = context.out();
  auto documents = Json::array();
  int worst = 0;
  for (const auto& database : databases) {
    const auto status = engine::read_status(repository, database, run_settings(context, database, options));
    if (status.error) {
      if (databases.size() == 1 && !out.json())
        throw Error(status.error->code, status.error->exit_code, status.error->message, status.error->fields);
      worst = std::max(worst, static_cast<int>(status.error->exit_code));
      if (out.json())
        documents.push_back(database_failure_json(
            status.name, status.url, error_body(status.error->code, status.error->message, status.error->fields)));
      else out.error(fmt::format("{}: {}", status.name, status.error->message));
      continue;
    }
    if (out.json()) {
      Json alembic = nullptr;
      if (status.alembic)
        alembic = Json{{"heads", status.alembic->heads},
                       {"state", engine::to_string(status.alembic->relation)},
                       {"message", status.alembic_message.empty() ? Json(nullptr) : Json(status.alembic_message)}};
      documents.push_back(Json{{"name", status.name},
                               {"url", status.url},
                               {"heads", status.current_heads},
                               {"applied", status.applied_count},
                               {"alembic", alembic}});
      continue;
    }
    const bool not_adopted = status.alembic && status.alembic->relation == engine::AlembicRelation::not_adopted;
    std::vector<std::string> marked;
    if (!status.known_heads.empty())
      marked.push_back(ids_with_squash_marks(repository.graph(), status.known_heads, out));
    const std::string heads = not_adopted ? fmt::format("base (nothing recorded by strata; alembic_version: {})",
                                                        util::join(status.alembic->heads, ", "))
                                          : heads_text(marked, status.unknown_applied, "base (nothing applied)");
    const std::string prefix = databases.size() > 1 ? fmt::format("{}: ", status.name) : "";
    out.line(fmt::format("{}{} ({} applied)", prefix, heads, status.applied_count));
    // On stderr, so that scripts reading the heads from stdout are not confused.
    if (!status.alembic_message.empty()) out.warning(status.alembic_message);
  }
  if (out.json()) out.document(Json{{"databases", documents}});
  return worst;
}

}  // namespace
}  // namespace current_command

Runner setup_current(CLI::App& app) {
  auto options = std::make_shared<DatabaseOptions>();
  add_selection_options(app, *options);
  return [options](Context& context) { return current_command::run(context, *options); };
}

}  // namespace strata::cli::commands
