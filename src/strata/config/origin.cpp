#include "strata/config/origin.hpp"

#include <fmt/format.h>

namespace strata::config {

Origin Origin::in_file(std::string file, int line, std::vector<std::string> variables) {
  Origin origin;
  origin.kind = Kind::file;
  origin.file = std::move(file);
  origin.line = line;
  origin.variables = std::move(variables);
  return origin;
}

Origin Origin::from_environment(std::string variable) {
  Origin origin;
  origin.kind = Kind::environment;
  origin.name = std::move(variable);
  return origin;
}

Origin Origin::from_command_line(std::string option) {
  Origin origin;
  origin.kind = Kind::command_line;
  origin.name = std::move(option);
  return origin;
}

std::string Origin::describe() const {
  switch (kind) {
    case Kind::default_value: return "default";
    case Kind::environment: return fmt::format("environment variable {}", name);
    case Kind::command_line: return fmt::format("command line {}", name);
    case Kind::file: break;
  }
  std::string text = line > 0 ? fmt::format("{}:{}", file, line) : file;
  for (std::size_t i = 0; i < variables.size(); ++i)
    text += fmt::format("{}${{{}}}", i == 0 ? " with " : ", ", variables[i]);
  if (!variables.empty()) text += " from the environment";
  return text;
}

}  // namespace strata::config
