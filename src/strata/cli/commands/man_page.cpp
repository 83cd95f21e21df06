// strata man-page: the roff source of strata(1), generated from the command table (one section per command);
// the build writes it to strata.1 for the package.
#include <CLI/CLI.hpp>

#include "strata/cli/commands/commands.hpp"
#include "strata/cli/context.hpp"
#include "strata/cli/reference.hpp"
#include "strata/version.hpp"

namespace strata::cli::commands {

Runner setup_man_page(CLI::App&) {
  return [](Context& context) {
    const auto page = man_page(version_string());
    auto& out = context.out();
    if (out.json()) out.document(Json{{"man_page", page}});
    else out.line(std::string_view(page).substr(0, page.size() - 1));  // it ends with a newline
    return 0;
  };
}

}  // namespace strata::cli::commands
