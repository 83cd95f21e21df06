#pragma once
// What the commands working on scratch databases (diff, drift, identify, adopt, test) share: --scratch-url (else
// strata.toml's [scratch] url), the comparison flags, the temporary folder, Ctrl-C, the identify cache, and how a
// list of differences is printed.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "strata/cli/context.hpp"
#include "strata/cli/output.hpp"
#include "strata/engine/replay.hpp"
#include "strata/schema/diff.hpp"

namespace CLI {
class App;
}

namespace strata::cli::commands {

struct ScratchOptions {
  std::optional<std::string> scratch_url;
  std::vector<std::string> schemas;
  bool strict_column_order = false;
  bool with_privileges = false;
};

// --scratch-url, --schema, --strict-column-order, --with-privileges.
void add_scratch_options(CLI::App& app, ScratchOptions& options);

// The library's scratch settings; `cancelled` polls the InterruptGuard the caller holds.
engine::ScratchSettings scratch_settings(Context& context, const ScratchOptions& options);
schema::CompareOptions compare_options(const ScratchOptions& options);

// `.strata/cache` beside strata.toml (the working directory without one).
std::filesystem::path cache_dir(Context& context);

// {"kind", "object", "change", "attribute", "expected", "actual"} for each.
Json differences_json(const std::vector<schema::Difference>& differences);
// One indented line per difference.
void print_differences(Output& out, const std::vector<schema::Difference>& differences, std::string_view indent);

}  // namespace strata::cli::commands
