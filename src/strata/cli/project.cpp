#include "strata/cli/project.hpp"

#include <system_error>

#include <toml++/toml.h>

#include "strata/core/error.hpp"

namespace strata::cli {

namespace fs = std::filesystem;

std::optional<fs::path> find_config_file(const fs::path& start) {
  std::error_code error;
  for (fs::path dir = fs::absolute(start, error); !dir.empty(); dir = dir.parent_path()) {
    const auto candidate = dir / k_config_file_name;
    if (fs::is_regular_file(candidate, error)) return candidate;
    if (dir == dir.parent_path()) break;
  }
  return std::nullopt;
}

namespace {

std::string position(const fs::path& file, const toml::source_region& source) {
  return file.string() + ":" + std::to_string(source.begin.line);
}

}  // namespace

Project load_project(const fs::path& file) {
  toml::table table;
  try {
    table = toml::parse_file(file.string());
  } catch (const toml::parse_error& error) {
    throw ConfigError(position(file, error.source()) + ": " + std::string(error.description()), "config_syntax");
  }
  Project project;
  project.file = file;
  const auto base = file.parent_path();
  if (const auto* repository = table["repository"].as_table()) {
    if (const auto path = (*repository)["path"].value<std::string>()) project.repository_paths.push_back(base / *path);
    if (const auto* paths = (*repository)["paths"].as_array()) {
      for (const auto& entry : *paths) {
        const auto path = entry.value<std::string>();
        if (!path) throw ConfigError(position(file, entry.source()) + ": [repository] paths must be strings");
        project.repository_paths.push_back(base / *path);
      }
    }
  }
  if (const auto* names = table["alembic"]["names"].as_table()) {
    for (const auto& [key, value] : *names) {
      const auto text = value.value<std::string>();
      if (!text) throw ConfigError(position(file, value.source()) + ": [alembic.names] values must be strings");
      project.alembic_names.emplace(std::string(key.str()), *text);
    }
  }
  return project;
}

}  // namespace strata::cli
