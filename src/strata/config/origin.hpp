#pragma once
// Where a configuration value came from, so `strata config` can say so (style.md, habit 11).
#include <string>
#include <vector>

namespace strata::config {

struct Origin {
  enum class Kind { default_value, file, environment, command_line };
  Kind kind = Kind::default_value;
  std::string file;                    // Kind::file: strata.toml as shown to users
  int line = 0;                        // Kind::file
  std::string name;                    // Kind::environment: the variable; Kind::command_line: the option
  std::vector<std::string> variables;  // Kind::file: the ${VAR}s the value expanded

  static Origin in_file(std::string file, int line, std::vector<std::string> variables = {});
  static Origin from_environment(std::string variable);
  static Origin from_command_line(std::string option);

  // "default", "strata.toml:7", "strata.toml:7 with ${DATABASE_URL} from the environment",
  // "environment variable DATABASE_URL", "command line --url".
  std::string describe() const;
};

// A value and its origin. Defaults carry Origin::Kind::default_value.
template <class T>
struct Setting {
  T value{};
  Origin origin{};
};

}  // namespace strata::config
