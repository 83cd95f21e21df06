#include "strata/cli/command_app.hpp"

namespace strata::cli {

namespace {

// The descriptions are what `strata --help`, the manual page and the completions show (reference.cpp).
void register_global_options(CLI::App& app, GlobalOptions& global, bool& help, bool& version) {
  app.add_option("-d,--dir", global.dirs, "a migration folder, native or Alembic (repeat for several locations)")
      ->type_name("DIR")
      ->allow_extra_args(false);
  app.add_option("--config", global.config_file, "the strata.toml to read (default: the nearest one upwards from here)")
      ->type_name("FILE");
  app.add_flag("--skip-unreadable", global.skip_unreadable,
               "load Alembic fields that are not literals as empty, with a warning");
  app.add_flag("--json", global.json, "print machine-readable JSON on stdout");
  app.add_flag("--no-color", global.no_color, "never colour the output (NO_COLOR does the same)");
  app.add_flag("-v,--verbose", global.verbose, "print more detail");
  app.add_flag("--version", version, "print the version and the commit it was built from");
  app.add_flag("-h,--help", help, "show this help");
}

}  // namespace

std::unique_ptr<CommandApp> build_command_app(GlobalOptions& global) {
  auto built = std::make_unique<CommandApp>();
  CLI::App& app = built->app;
  app.name("strata");
  app.set_help_flag();  // the main help comes from the command table (help.cpp)
  app.fallthrough();    // global options may follow the command name
  app.allow_extras();   // an unknown command lands in remaining(), for a "did you mean"
  register_global_options(app, global, built->help, built->version);
  for (const auto& command : command_table()) {
    auto* sub = app.add_subcommand(std::string(command.name), std::string(command.summary));
    sub->allow_extras(false);
    sub->set_help_flag("-h,--help", "show this command's help");
    for (const auto alias : command.aliases) sub->alias(std::string(alias));
    built->runners.push_back(command.setup(*sub));
    built->subcommands.push_back(sub);
  }
  return built;
}

}  // namespace strata::cli
