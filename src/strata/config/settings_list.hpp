#pragma once
// Every setting of a Settings as key, value text and origin: what `strata config` prints.
#include <string>
#include <vector>

#include "strata/config/config.hpp"

namespace strata::config {

struct ListedSetting {
  std::string key;    // as written in strata.toml: "repository.paths", "databases.auth.url", "alembic.names.\"cli.X\""
  std::string value;  // as text; database URLs are NOT redacted here (the db part owns URL redaction)
  Origin origin;
  bool is_url = false;     // a database URL: redact its password before printing
  std::string error = {};  // a URL that uses an unset ${VAR}: why it cannot be used (value is then empty)
  bool absent = false;     // nothing is set: value is "none" for text, JSON shows null
};

// DATABASE_URL when the environment sets it, then in file order of the sections: default_database (absent, "none",
// when there is none), lock_timeout, forward_only, repository (absent when no repository was found), alembic.names,
// databases (url, branch, then the per-database overrides that are written), version_store. Repository paths are
// shown relative to config.root when they lie under it.
std::vector<ListedSetting> list_settings(const Settings& config);

// "30s", "1m30s", "250ms", "0s": the inverse of parse_duration.
std::string format_duration(std::chrono::milliseconds duration);

}  // namespace strata::config
