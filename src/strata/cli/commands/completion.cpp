// strata completion SHELL: a completion script for bash, zsh or fish, generated from the command table, so that
// `source <(strata completion bash)` works without an installed package.
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "strata/cli/commands/commands.hpp"
#include "strata/cli/context.hpp"
#include "strata/cli/reference.hpp"

namespace strata::cli::commands {

Runner setup_completion(CLI::App& app) {
  auto shell = std::make_shared<std::string>();
  app.add_option("SHELL", *shell, "bash, zsh or fish")->required();
  return [shell](Context& context) {
    const auto script = completion_script(parse_shell(*shell));
    auto& out = context.out();
    if (out.json()) out.document(Json{{"shell", *shell}, {"script", script}});
    else out.line(std::string_view(script).substr(0, script.size() - 1));  // it ends with a newline
    return 0;
  };
}

}  // namespace strata::cli::commands
