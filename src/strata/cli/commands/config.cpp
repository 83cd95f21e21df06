// strata config [--json]: the effective settings (strata.toml + environment + command line, as config::resolve
// computes them for every other command) and where each came from.
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "strata/cli/commands/commands.hpp"
#include "strata/cli/context.hpp"
#include "strata/config/settings_list.hpp"
#include "strata/db/url.hpp"

namespace strata::cli::commands {

namespace config_command {
namespace {

Json origin_json(const config::Origin& origin) {
  switch (origin.kind) {
    case config::Origin::Kind::default_value: return Json{{"kind", "default"}};
    case config::Origin::Kind::environment: return Json{{"kind", "environment"}, {"variable", origin.name}};
    case config::Origin::Kind::command_line: return Json{{"kind", "command_line"}, {"option", origin.name}};
    case config::Origin::Kind::file: break;
  }
  Json json{{"kind", "file"}, {"file", origin.file}, {"line", origin.line}};
  if (!origin.variables.empty()) json["variables"] = origin.variables;
  return json;
}

int run(Context& context) {
  const auto& settings = context.settings();
  auto listed = config::list_settings(settings);
  // Passwords never reach the output; a URL that uses an unset ${VAR} shows why it cannot be used instead.
  for (auto& setting : listed)
    if (setting.is_url && setting.error.empty()) setting.value = db::redact_url_text(setting.value);
  auto& out = context.out();
  if (out.json()) {
    Json list = Json::array();
    for (const auto& setting : listed) {
      Json entry{{"key", setting.key}};
      if (!setting.error.empty()) entry["error"] = setting.error;
      else if (setting.absent) entry["value"] = nullptr;
      else entry["value"] = setting.value;
      entry["origin"] = origin_json(setting.origin);
      list.push_back(std::move(entry));
    }
    out.document(Json{{"file", settings.file.empty() ? Json(nullptr) : Json(settings.shown_file)},
                      {"settings", std::move(list)}});
    return 0;
  }
  out.line(fmt::format("config file: {}", settings.file.empty() ? std::string("none") : settings.shown_file));
  for (const auto& setting : listed) {
    if (setting.error.empty())
      out.line(fmt::format("{} = {}  ({})", setting.key, setting.value, setting.origin.describe()));
    else out.line(fmt::format("{} cannot be used: {}", setting.key, setting.error));
  }
  return 0;
}

}  // namespace
}  // namespace config_command

Runner setup_config(CLI::App&) {
  return [](Context& context) { return config_command::run(context); };
}

}  // namespace strata::cli::commands
