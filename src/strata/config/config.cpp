// Reading strata.toml with toml++. Keys come from one table per section, so an unknown key gets a spelling
// suggestion; every value keeps its file:line.
#include "strata/config/config.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "strata/config/duration.hpp"
#include "strata/core/error.hpp"
#include "strata/util/display_path.hpp"
#include "strata/util/edit_distance.hpp"
#include "strata/util/excerpt.hpp"
#include "strata/util/strings.hpp"

namespace strata::config {
namespace {

namespace fs = std::filesystem;

bool is_sql_name(std::string_view name) {
  if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')) return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

std::string either_list(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i) out += (i + 1 == names.size()) ? " or " : ", ";
    out += names[i];
  }
  return out;
}

class Reader {
public:
  Reader(std::string_view text, const fs::path& file, std::string_view shown, const Environment& environment)
      : m_text(text), m_shown(shown), m_environment(environment) {
    m_config.file = file;
    m_config.root = file.parent_path();
    m_config.shown_file = std::string(shown);
    m_config.repository_paths.value = {(m_config.root / "migrations").lexically_normal()};
  }

  Settings read() {
    toml::table root;
    try {
      root = toml::parse(m_text, m_shown);
    } catch (const toml::parse_error& error) {
      const auto& begin = error.source().begin;
      throw ConfigError(ErrorCode::config,
                        fmt::format("{}:{}:{}: {}", m_shown, begin.line, begin.column, error.description()),
                        file_position(m_shown, static_cast<int>(begin.line)));
    }
    check_keys(root, "",
               {"default_database", "lock_timeout", "forward_only", "repository", "alembic", "databases",
                "version_store", "lint", "scratch"});
    if (const auto* node = root.get("repository")) read_repository(table_of(*node, "repository"));
    if (const auto* node = root.get("alembic")) read_alembic(table_of(*node, "alembic"));
    if (const auto* node = root.get("databases")) read_databases(table_of(*node, "databases"));
    if (const auto* node = root.get("version_store")) read_version_store(table_of(*node, "version_store"));
    if (const auto* node = root.get("lint")) read_lint(table_of(*node, "lint"));
    if (const auto* node = root.get("lock_timeout")) m_config.lock_timeout = duration_of(*node, "lock_timeout");
    if (const auto* node = root.get("forward_only")) m_config.forward_only = bool_of(*node, "forward_only");
    if (const auto* node = root.get("scratch")) read_scratch(table_of(*node, "scratch"));
    read_default_database(root.get("default_database"));
    return std::move(m_config);
  }

private:
  [[noreturn]] void fail(int line, const std::string& message) const {
    throw ConfigError(ErrorCode::config, fmt::format("{}:{}: {}", m_shown, line, message),
                      file_position(m_shown, line));
  }

  static int line_of(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

  Origin origin(const toml::node& node, std::vector<std::string> variables = {}) const {
    return Origin::in_file(m_shown, line_of(node), std::move(variables));
  }

  void check_keys(const toml::table& table, const std::string& section, const std::vector<std::string>& known) const {
    for (const auto& [key, node] : table) {
      const std::string name(key.str());
      if (std::find(known.begin(), known.end(), name) != known.end()) continue;
      std::string message = fmt::format("unknown key '{}'", util::excerpt(name));
      if (!section.empty()) message += fmt::format(" in [{}]", section);
      if (const auto match = util::closest_match(name, known)) message += fmt::format("; did you mean '{}'?", *match);
      else message += fmt::format("; expected {}", either_list(known));
      fail(static_cast<int>(key.source().begin.line), message);
    }
  }

  const toml::table& table_of(const toml::node& node, const std::string& key) const {
    const auto* table = node.as_table();
    if (!table) fail(line_of(node), fmt::format("{0} must be a table ([{0}])", key));
    return *table;
  }

  // With `unset_error`, an unset ${VAR} is not an error now: its message goes there, for whoever uses the value.
  Setting<std::string> string_of(const toml::node& node, const std::string& key,
                                 std::string* unset_error = nullptr) const {
    const auto* value = node.as_string();
    if (!value) fail(line_of(node), fmt::format("{} must be a string", key));
    auto expansion = expand_variables(value->get(), m_environment);
    if (!expansion.syntax_error.empty()) fail(line_of(node), fmt::format("{}: {}", key, expansion.syntax_error));
    if (!expansion.unset.empty()) {
      const std::string message =
          fmt::format("{0} uses ${{{1}}}, which is not set; set it, or write ${{{1}:-default}}", key, expansion.unset);
      if (!unset_error) fail(line_of(node), message);
      *unset_error = fmt::format("{}:{}: {}", m_shown, line_of(node), message);
    }
    return {std::move(expansion.value), origin(node, std::move(expansion.variables))};
  }

  Setting<std::string> sql_name_of(const toml::node& node, const std::string& key) const {
    auto setting = string_of(node, key);
    if (!is_sql_name(setting.value))
      fail(line_of(node),
           fmt::format("{} must be a plain SQL name (letters, digits and _, not starting with a digit), not '{}'", key,
                       util::excerpt(setting.value)));
    return setting;
  }

  Setting<std::string> choice_of(const toml::node& node, const std::string& key,
                                 const std::vector<std::string>& choices) const {
    auto setting = string_of(node, key);
    if (std::find(choices.begin(), choices.end(), setting.value) != choices.end()) return setting;
    std::vector<std::string> quoted;
    quoted.reserve(choices.size());
    for (const auto& choice : choices) quoted.push_back(fmt::format("\"{}\"", choice));
    std::string message =
        fmt::format("{} must be {}, not \"{}\"", key, either_list(quoted), util::excerpt(setting.value));
    if (const auto match = util::closest_match(setting.value, choices))
      message += fmt::format("; did you mean \"{}\"?", *match);
    fail(line_of(node), message);
  }

  // Whole seconds, or a duration such as "500ms"; at most k_max_lock_timeout.
  Setting<std::chrono::milliseconds> duration_of(const toml::node& node, const std::string& key) const {
    const std::string rule = " must be a duration such as \"30s\", \"500ms\", \"2m\" or \"1h\"";
    if (const auto* seconds = node.as_integer()) {
      if (seconds->get() < 0) fail(line_of(node), fmt::format("{} must not be negative", key));
      const auto value = lock_timeout_from_seconds(static_cast<double>(seconds->get()));
      if (!value) fail(line_of(node), key + too_long(std::to_string(seconds->get())));
      return {*value, origin(node)};
    }
    if (const auto* number = node.as_floating_point()) {
      std::ostringstream shown;
      shown << number->get();
      fail(line_of(node), fmt::format("{}{} or whole seconds, not {}", key, rule, shown.str()));
    }
    const auto* text = node.as_string();
    const auto value = text ? parse_duration(text->get()) : std::nullopt;
    if (!value)
      fail(line_of(node), fmt::format("{}{}{}", key, rule,
                                      text ? fmt::format(", not \"{}\"", util::excerpt(text->get())) : std::string()));
    if (*value > k_max_lock_timeout)
      fail(line_of(node), key + too_long(fmt::format("\"{}\"", util::excerpt(text->get()))));
    return {*value, origin(node)};
  }

  static std::string too_long(const std::string& shown) {
    return fmt::format(" must be at most 24h (a longer wait for another runner is a mistake), not {}", shown);
  }

  Setting<bool> bool_of(const toml::node& node, const std::string& key) const {
    const auto* value = node.as_boolean();
    if (!value) fail(line_of(node), fmt::format("{} must be true or false", key));
    return {value->get(), origin(node)};
  }

  fs::path resolve(const std::string& path) const { return (m_config.root / path).lexically_normal(); }

  void read_repository(const toml::table& table) {
    check_keys(table, "repository", {"path", "paths", "skip_unreadable"});
    const auto* path = table.get("path");
    const auto* paths = table.get("paths");
    if (path && paths) fail(line_of(*paths), "[repository] has both path and paths; keep one");
    if (path) {
      auto value = string_of(*path, "repository.path");
      m_config.repository_paths = {{resolve(value.value)}, value.origin};
    }
    if (paths) {
      const auto* array = paths->as_array();
      if (!array || array->empty()) fail(line_of(*paths), "repository.paths must be a non-empty list of strings");
      m_config.repository_paths = {{}, origin(*paths)};
      for (const auto& element : *array) {
        auto value = string_of(element, "repository.paths");
        for (auto& variable : value.origin.variables) m_config.repository_paths.origin.variables.push_back(variable);
        m_config.repository_paths.value.push_back(resolve(value.value));
      }
    }
    if (const auto* node = table.get("skip_unreadable"))
      m_config.skip_unreadable = bool_of(*node, "repository.skip_unreadable");
  }

  void read_alembic(const toml::table& table) {
    check_keys(table, "alembic", {"names"});
    const auto* names = table.get("names");
    if (!names) return;
    for (const auto& [key, node] : table_of(*names, "alembic.names")) {
      const std::string name(key.str());
      m_config.alembic_names[name] = string_of(node, "alembic.names.\"" + name + "\"");
    }
  }

  void read_databases(const toml::table& table) {
    for (const auto& [key, node] : table) {
      const std::string name(key.str());
      const std::string section = "databases." + name;
      const auto& entry = table_of(node, section);
      check_keys(entry, section,
                 {"url", "branch", "lock_timeout", "lock_mode", "transaction", "alembic_version", "forward_only",
                  "version_table", "log_table", "schema"});
      DatabaseConfig database;
      database.name = name;
      database.origin = origin(node);
      const auto* url = entry.get("url");
      if (!url) fail(line_of(node), fmt::format("[{}] has no url; add url = \"sqlite:{}.db\" or a URL", section, name));
      database.url = string_of(*url, section + ".url", &database.url_error);
      if (const auto* branch = entry.get("branch")) database.branch = string_of(*branch, section + ".branch");
      read_database_settings(entry, section, database);
      m_config.databases.push_back(std::move(database));
    }
    // toml++ keeps keys sorted; users expect the order they wrote.
    std::stable_sort(m_config.databases.begin(), m_config.databases.end(),
                     [](const DatabaseConfig& a, const DatabaseConfig& b) { return a.origin.line < b.origin.line; });
  }

  void read_database_settings(const toml::table& entry, const std::string& section, DatabaseConfig& database) const {
    if (const auto* node = entry.get("lock_timeout"))
      database.lock_timeout = duration_of(*node, section + ".lock_timeout");
    if (const auto* node = entry.get("lock_mode")) {
      const auto mode = choice_of(*node, section + ".lock_mode", {"session", "transaction"});
      database.lock_mode = {{mode.value == "transaction" ? LockMode::transaction : LockMode::session, mode.origin}};
    }
    if (const auto* node = entry.get("transaction")) {
      const auto scope = choice_of(*node, section + ".transaction", {"per-migration", "all"});
      database.transaction = {
          {scope.value == "all" ? TransactionScope::all : TransactionScope::per_migration, scope.origin}};
    }
    if (const auto* node = entry.get("alembic_version"))
      database.alembic_version = bool_of(*node, section + ".alembic_version");
    if (const auto* node = entry.get("forward_only")) database.forward_only = bool_of(*node, section + ".forward_only");
    if (const auto* node = entry.get("version_table"))
      database.version_table = sql_name_of(*node, section + ".version_table");
    if (const auto* node = entry.get("log_table")) database.log_table = sql_name_of(*node, section + ".log_table");
    if (const auto* node = entry.get("schema")) database.schema = sql_name_of(*node, section + ".schema");
  }

  std::vector<Setting<std::string>> strings_of(const toml::node& node, const std::string& key) const {
    const auto* array = node.as_array();
    if (!array) fail(line_of(node), fmt::format("{} must be a list of strings", key));
    std::vector<Setting<std::string>> values;
    for (const auto& element : *array) values.push_back(string_of(element, key));
    return values;
  }

  void read_lint(const toml::table& table) {
    check_keys(
        table, "lint",
        {"excluded_rules", "included_rules", "levels", "pg_version", "sqlite_version", "engine", "excluded_paths"});
    auto& lint = m_config.lint;
    if (const auto* node = table.get("excluded_rules")) lint.excluded_rules = strings_of(*node, "lint.excluded_rules");
    if (const auto* node = table.get("included_rules")) lint.included_rules = strings_of(*node, "lint.included_rules");
    if (const auto* node = table.get("excluded_paths")) lint.excluded_paths = strings_of(*node, "lint.excluded_paths");
    if (const auto* node = table.get("pg_version")) lint.pg_version = string_of(*node, "lint.pg_version");
    if (const auto* node = table.get("sqlite_version")) lint.sqlite_version = string_of(*node, "lint.sqlite_version");
    if (const auto* node = table.get("engine")) lint.engine = choice_of(*node, "lint.engine", {"postgres", "sqlite"});
    if (const auto* node = table.get("levels")) {
      for (const auto& [key, value] : table_of(*node, "lint.levels")) {
        const std::string rule(key.str());
        Setting<std::string> name{rule, Origin::in_file(m_shown, static_cast<int>(key.source().begin.line))};
        lint.levels.emplace_back(std::move(name), choice_of(value, "lint.levels." + rule, {"error", "warning", "off"}));
      }
    }
  }

  void read_version_store(const toml::table& table) {
    check_keys(table, "version_store", {"table", "log_table", "schema", "alembic_version"});
    auto& store = m_config.version_store;
    const std::pair<const char*, Setting<std::string>*> names[] = {
        {"table", &store.table}, {"log_table", &store.log_table}, {"schema", &store.schema}};
    for (const auto& [key, setting] : names)
      if (const auto* node = table.get(key)) *setting = sql_name_of(*node, std::string("version_store.") + key);
    if (const auto* node = table.get("alembic_version"))
      store.alembic_version = bool_of(*node, "version_store.alembic_version");
  }

  void read_scratch(const toml::table& table) {
    check_keys(table, "scratch", {"url"});
    if (const auto* node = table.get("url"))
      m_config.scratch_url = string_of(*node, "scratch.url", &m_config.scratch_url_error);
  }

  // Without `default_database`, the only database is the default; with several, there is none (a command then
  // asks for --db NAME or --all rather than guess).
  void read_default_database(const toml::node* node) {
    if (!node) {
      if (m_config.databases.size() == 1)
        m_config.default_database = {m_config.databases.front().name, m_config.databases.front().origin};
      return;
    }
    const auto chosen = string_of(*node, "default_database");
    m_config.default_database = {chosen.value, chosen.origin};
    const auto& name = chosen.value;
    if (m_config.find_database(name)) return;
    std::vector<std::string> names;
    for (const auto& database : m_config.databases) names.push_back(database.name);
    std::string message =
        fmt::format("default_database '{}' is not one of the [databases.NAME] tables", util::excerpt(name));
    if (names.empty()) message += "; there are none";
    else if (const auto match = util::closest_match(name, names))
      message += fmt::format("; did you mean '{}'?", *match);
    else message += fmt::format("; they are {}", util::quoted_list(names));
    fail(line_of(*node), message);
  }

  std::string_view m_text;
  std::string m_shown;
  const Environment& m_environment;
  Settings m_config;
};

}  // namespace

std::string_view name_of(LockMode mode) { return mode == LockMode::transaction ? "transaction" : "session"; }

std::string_view name_of(TransactionScope scope) { return scope == TransactionScope::all ? "all" : "per-migration"; }

const DatabaseConfig* Settings::find_database(std::string_view name) const {
  for (const auto& database : databases)
    if (database.name == name) return &database;
  return nullptr;
}

const Setting<std::string>& DatabaseConfig::used_url() const {
  if (!url_error.empty()) throw ConfigError(ErrorCode::config, url_error);
  return url;
}

std::map<std::string, std::string, std::less<>> Settings::alembic_name_values() const {
  std::map<std::string, std::string, std::less<>> values;
  for (const auto& [name, setting] : alembic_names) values.emplace(name, setting.value);
  return values;
}

Settings parse_config(std::string_view text, const fs::path& file, std::string_view shown_path,
                      const Environment& environment) {
  return Reader(text, file, shown_path, environment).read();
}

Settings load_config(const fs::path& file, const Environment& environment, const fs::path& working_directory) {
  const auto shown = util::display_path(file, working_directory);
  const auto absolute = (working_directory / file).lexically_normal();
  std::ifstream in(absolute, std::ios::binary);
  std::stringstream text;
  if (in) text << in.rdbuf();
  if (!in) throw ConfigError(ErrorCode::config, fmt::format("{}: cannot read the file", shown));
  return parse_config(text.str(), absolute, shown, environment);
}

std::optional<fs::path> find_config_file(const fs::path& start) {
  std::error_code error;
  auto folder = fs::absolute(start, error).lexically_normal();
  if (error) return std::nullopt;
  while (true) {
    auto candidate = folder / k_config_file_name;
    if (fs::is_regular_file(candidate, error)) return candidate;
    if (!folder.has_relative_path()) return std::nullopt;
    folder = folder.parent_path();
  }
}

Settings default_config(const fs::path& working_directory) {
  Settings config;
  config.root = working_directory;
  config.repository_paths.value = {(working_directory / "migrations").lexically_normal()};
  return config;
}

}  // namespace strata::config
