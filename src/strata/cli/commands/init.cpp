// strata init [DIR]: a new project — strata.toml (repository at migrations/, a SQLite database next to it) and
// an empty migrations folder. Refuses, changing nothing, when DIR already has a strata.toml.
#include <memory>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "strata/cli/commands/commands.hpp"
#include "strata/cli/context.hpp"
#include "strata/util/display_path.hpp"
#include "strata/repo/project_init.hpp"

namespace strata::cli::commands {

namespace init_command {
namespace {

struct Options {
  std::string dir = ".";
};

int run(Context& context, const Options& options) {
  const auto& cwd = context.invocation().cwd;
  const auto result = repo::init_project(cwd / options.dir, cwd);
  auto& out = context.out();
  const auto config = util::display_path(result.config_file, cwd);
  const auto migrations = util::display_path(result.migrations_dir, cwd);
  if (out.json()) {
    out.document(Json{{"config_file", config},
                      {"migrations_dir", migrations},
                      {"created_migrations_dir", result.created_migrations_dir}});
    return 0;
  }
  out.line(fmt::format("created {}", config));
  out.line(fmt::format("{} {}/", result.created_migrations_dir ? "created" : "kept existing", migrations));
  out.line("next: strata revision -m \"first migration\"");
  return 0;
}

}  // namespace
}  // namespace init_command

Runner setup_init(CLI::App& app) {
  auto options = std::make_shared<init_command::Options>();
  app.add_option("DIR", options->dir, "the project folder (default: the current one)");
  return [options](Context& context) { return init_command::run(context, *options); };
}

}  // namespace strata::cli::commands
