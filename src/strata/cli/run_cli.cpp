#include "strata/cli/run_cli.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "strata/cli/command_line.hpp"
#include "strata/cli/context.hpp"
#include "strata/cli/help.hpp"
#include "strata/cli/output.hpp"
#include "strata/core/error.hpp"
#include "strata/version.hpp"

namespace strata::cli {

namespace {

// Exit code for a failure that is not a strata::Error: a bug, not a user mistake (EX_SOFTWARE of sysexits.h).
constexpr int k_internal_error_exit = 70;

void report(Output& out, ErrorCode code, std::string_view message, const ErrorFields& fields = {}) {
  if (out.json()) out.document(Json{{"error", error_body(code, message, fields)}});
  else out.error(message);
}

// Loads what the command table says the command needs, so a missing repository is reported the same way for
// every command, before the command starts.
void load_needs(Context& context, Needs needs) {
  switch (needs) {
    case Needs::nothing: return;
    case Needs::config: context.settings(); return;
    case Needs::repository:
    case Needs::database: context.repository_options(); return;
  }
}

int run_parsed(const ParsedCommandLine& parsed, const Invocation& invocation, Output& out) {
  switch (parsed.action) {
    case ParsedCommandLine::Action::version:
      if (out.json()) out.document(Json{{"version", version()}, {"commit", build_commit()}});
      else out.line(fmt::format("strata {}", version_string()));
      return 0;
    case ParsedCommandLine::Action::main_help:
      out.line(main_help());
      return parsed.no_arguments ? static_cast<int>(ExitCode::usage) : 0;
    case ParsedCommandLine::Action::command_help: out.line(parsed.help); return 0;
    case ParsedCommandLine::Action::run: break;
  }
  Context context(invocation, parsed.global, out);
  load_needs(context, parsed.command->needs);
  return parsed.runner(context);
}

}  // namespace

int run_cli(const std::vector<std::string>& args, const Invocation& invocation) {
  // NO_COLOR counts when it is set to anything but the empty string (no-color.org).
  const auto no_color = invocation.getenv("NO_COLOR");
  // Known before parsing, so that even a usage error comes out as JSON and uncoloured.
  const bool color_allowed =
      (!no_color || no_color->empty()) && std::find(args.begin(), args.end(), "--no-color") == args.end();
  Output out(invocation.out, invocation.err, color_allowed && invocation.out_is_terminal,
             color_allowed && invocation.err_is_terminal);
  out.set_json(std::find(args.begin(), args.end(), "--json") != args.end());
  try {
    const auto parsed = parse_command_line(args);
    return run_parsed(parsed, invocation, out);
  } catch (const Error& error) {
    report(out, error.code(), error.what(), error.fields());
    return static_cast<int>(error.exit_code());
  } catch (const std::filesystem::filesystem_error& error) {
    report(out, ErrorCode::io, error.what());
    return static_cast<int>(ExitCode::repository);
  } catch (const std::exception& error) {
    report(out, ErrorCode::internal, std::string("internal error: ") + error.what());
    return k_internal_error_exit;
  }
}

int run_cli(const std::vector<std::string>& args) {
  std::error_code error;
  auto cwd = std::filesystem::current_path(error);
  const Invocation invocation{
      .out = std::cout,
      .err = std::cerr,
      .out_is_terminal = ::isatty(STDOUT_FILENO) == 1,
      .err_is_terminal = ::isatty(STDERR_FILENO) == 1,
      .getenv = [](std::string_view name) -> std::optional<std::string> {
        const char* value = std::getenv(std::string(name).c_str());
        if (value == nullptr) return std::nullopt;
        return std::string(value);
      },
      .cwd = std::move(cwd),
  };
  const int code = run_cli(args, invocation);
  std::cout.flush();
  return code;
}

}  // namespace strata::cli
