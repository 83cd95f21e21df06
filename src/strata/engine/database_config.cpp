#include "strata/engine/database_config.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <toml++/toml.h>

#include "strata/core/error.hpp"
#include "strata/repo/display_path.hpp"
#include "strata/util/edit_distance.hpp"

namespace strata::engine {

namespace {

const std::vector<std::string> k_database_keys{"url",           "branch",        "lock_timeout", "lock_mode",
                                               "transaction",   "alembic_version", "version_table",
                                               "log_table",     "schema"};

class EntryReader {
public:
  EntryReader(std::string_view file, std::string name, const toml::table& table)
      : m_file(file), m_name(std::move(name)), m_table(table) {}

  std::string at(const toml::node& node) const {
    return m_file + ":" + std::to_string(node.source().begin.line) + ": [databases." + m_name + "]";
  }

  std::optional<std::string> string(const char* key) const {
    const toml::node* node = m_table.get(key);
    if (node == nullptr) return std::nullopt;
    const auto value = node->value<std::string>();
    if (!value) throw ConfigError(at(*node) + " " + key + " must be a string", "config_type");
    return value;
  }

  std::optional<bool> boolean(const char* key) const {
    const toml::node* node = m_table.get(key);
    if (node == nullptr) return std::nullopt;
    if (!node->is_boolean()) throw ConfigError(at(*node) + " " + key + " must be true or false", "config_type");
    return node->value<bool>();
  }

  std::optional<std::chrono::milliseconds> seconds(const char* key) const {
    const toml::node* node = m_table.get(key);
    if (node == nullptr) return std::nullopt;
    const auto value = node->value<double>();
    if (!value || *value < 0 || !(node->is_integer() || node->is_floating_point()))
      throw ConfigError(at(*node) + " " + key + " must be a number of seconds (0 or more)", "config_type");
    return std::chrono::milliseconds(static_cast<long long>(*value * 1000.0));
  }

  // One of `choices`, naming them in the error.
  std::optional<std::string> choice(const char* key, const std::vector<std::string>& choices) const {
    const auto value = string(key);
    if (value && std::find(choices.begin(), choices.end(), *value) == choices.end())
      throw ConfigError(at(*m_table.get(key)) + " " + key + " must be \"" + choices[0] + "\" or \"" + choices[1] +
                            "\", not \"" + *value + "\"",
                        "config_value");
    return value;
  }

  void reject_unknown_keys() const {
    for (const auto& [key, node] : m_table) {
      const std::string name(key.str());
      if (std::find(k_database_keys.begin(), k_database_keys.end(), name) != k_database_keys.end()) continue;
      std::string message = at(node) + " unknown key '" + name + "'";
      if (const auto match = util::closest_match(name, k_database_keys)) message += "; did you mean '" + *match + "'?";
      throw ConfigError(message, "config_unknown_key");
    }
  }

private:
  std::string m_file;
  std::string m_name;
  const toml::table& m_table;
};

DatabaseEntry read_entry(std::string_view file, const std::string& name, const toml::node& node) {
  const toml::table* table = node.as_table();
  if (table == nullptr)
    throw ConfigError(std::string(file) + ":" + std::to_string(node.source().begin.line) + ": [databases." + name +
                          "] must be a table with at least url = \"...\"",
                      "config_type");
  EntryReader reader(file, name, *table);
  reader.reject_unknown_keys();
  DatabaseEntry entry;
  entry.name = name;
  const auto url = reader.string("url");
  if (!url)
    throw ConfigError(std::string(file) + ":" + std::to_string(node.source().begin.line) + ": [databases." + name +
                          "] has no url (add url = \"sqlite:app.db\" or url = \"${DATABASE_URL}\")",
                      "config_missing_url");
  entry.url = *url;
  entry.where = reader.at(*table->get("url")) + " url";
  entry.branch = reader.string("branch");
  entry.lock_timeout = reader.seconds("lock_timeout");
  if (const auto mode = reader.choice("lock_mode", {"session", "transaction"}))
    entry.lock_mode = *mode == "session" ? db::LockMode::session : db::LockMode::transaction;
  if (const auto scope = reader.choice("transaction", {"per-migration", "all"}))
    entry.transaction = *scope == "all" ? TransactionScope::all : TransactionScope::per_migration;
  entry.alembic_version = reader.boolean("alembic_version");
  entry.version_table = reader.string("version_table");
  entry.log_table = reader.string("log_table");
  entry.schema = reader.string("schema");
  return entry;
}

}  // namespace

DatabaseConfig parse_database_config(std::string_view text, std::string_view display_path) {
  toml::table root;
  try {
    root = toml::parse(text, display_path);
  } catch (const toml::parse_error& error) {
    throw ConfigError(std::string(display_path) + ":" + std::to_string(error.source().begin.line) + ": " +
                          std::string(error.description()),
                      "config_syntax");
  }
  DatabaseConfig config;
  config.file = std::string(display_path);
  if (const toml::node* databases = root.get("databases")) {
    const toml::table* table = databases->as_table();
    if (table == nullptr)
      throw ConfigError(config.file + ":" + std::to_string(databases->source().begin.line) +
                            ": databases must be tables: [databases.NAME]",
                        "config_type");
    for (const auto& [name, node] : *table) config.databases.push_back(read_entry(display_path, std::string(name.str()), node));
    // toml++ keeps keys sorted; --all runs the databases in the order the file lists them.
    std::vector<std::pair<int, std::size_t>> order;
    for (const auto& [name, node] : *table) order.emplace_back(node.source().begin.line, order.size());
    std::stable_sort(order.begin(), order.end());
    std::vector<DatabaseEntry> sorted;
    for (const auto& [line, index] : order) sorted.push_back(std::move(config.databases[index]));
    config.databases = std::move(sorted);
  }
  if (const toml::node* node = root.get("default_database")) {
    const auto value = node->value<std::string>();
    const std::string at = config.file + ":" + std::to_string(node->source().begin.line) + ": default_database";
    if (!value) throw ConfigError(at + " must be a string", "config_type");
    const bool known = std::any_of(config.databases.begin(), config.databases.end(),
                                   [&](const DatabaseEntry& entry) { return entry.name == *value; });
    if (!known)
      throw ConfigError(at + " names '" + *value + "', which has no [databases." + *value + "] table",
                        "config_value");
    config.default_database = value;
  }
  return config;
}

DatabaseConfig load_database_config(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  const std::string shown = repo::display_path(file);
  if (!in) throw ConfigError("cannot read " + shown, "config_not_found");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_database_config(text.str(), shown);
}

RunSettings apply_entry(RunSettings base, const DatabaseEntry& entry) {
  if (entry.lock_timeout) base.lock_timeout = *entry.lock_timeout;
  if (entry.lock_mode) base.lock_mode = *entry.lock_mode;
  if (entry.transaction) base.transaction = *entry.transaction;
  if (entry.alembic_version) base.store.alembic_version = *entry.alembic_version;
  if (entry.version_table) base.store.table = *entry.version_table;
  if (entry.log_table) base.store.log_table = *entry.log_table;
  if (entry.schema) base.store.schema = *entry.schema;
  return base;
}

}  // namespace strata::engine
