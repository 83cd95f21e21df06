#include "strata/cli/commands/scratch_options.hpp"

#include <CLI/CLI.hpp>

#include "strata/cli/interrupt.hpp"
#include "strata/core/error.hpp"

namespace strata::cli::commands {

void add_scratch_options(CLI::App& app, ScratchOptions& options) {
  app.add_option("--scratch-url", options.scratch_url,
                 "an empty database for scratch work, instead of creating one (also [scratch] url)")
      ->type_name("URL");
  app.add_option("--schema", options.schemas, "PostgreSQL: compare only this schema (repeatable)")->type_name("NAME");
  app.add_flag("--strict-column-order", options.strict_column_order, "a different column order is a difference");
  app.add_flag("--with-privileges", options.with_privileges, "compare grants too");
}

engine::ScratchSettings scratch_settings(Context& context, const ScratchOptions& options) {
  engine::ScratchSettings settings;
  if (options.scratch_url) {
    settings.url = db::DatabaseUrl::parse(*options.scratch_url);
  } else {
    const auto& config = context.settings();
    if (!config.scratch_url_error.empty()) throw ConfigError(ErrorCode::config, config.scratch_url_error);
    if (!config.scratch_url.value.empty()) settings.url = db::DatabaseUrl::parse(config.scratch_url.value);
  }
  std::error_code error;
  settings.directory = std::filesystem::temp_directory_path(error);
  if (error) settings.directory = "/tmp";
  settings.cancelled = [] { return InterruptGuard::requested(); };
  settings.schemas = options.schemas;
  return settings;
}

schema::CompareOptions compare_options(const ScratchOptions& options) {
  schema::CompareOptions compare;
  compare.strict_column_order = options.strict_column_order;
  compare.with_privileges = options.with_privileges;
  return compare;
}

std::filesystem::path cache_dir(Context& context) {
  const auto& settings = context.settings();
  const auto root = settings.file.empty() ? context.invocation().cwd : settings.file.parent_path();
  return (root.empty() ? context.invocation().cwd : root) / ".strata" / "cache";
}

Json differences_json(const std::vector<schema::Difference>& differences) {
  auto list = Json::array();
  for (const auto& difference : differences) list.push_back(schema::to_json(difference));
  return list;
}

void print_differences(Output& out, const std::vector<schema::Difference>& differences, std::string_view indent) {
  for (const auto& difference : differences) out.line(std::string(indent) + schema::format_difference(difference));
}

}  // namespace strata::cli::commands
