#pragma once
// Where commands print: stdout for results, stderr for warnings and errors. The streams are passed in, so unit
// tests capture them; colour is decided once by the caller (a terminal, NO_COLOR unset, no --no-color).
#include <ostream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace strata::cli {

// Insertion-ordered, so documents print their keys in the documented order.
using Json = nlohmann::ordered_json;

enum class Style { plain, id, mark, warning, error, good };

class Output {
public:
  Output(std::ostream& out, std::ostream& err, bool color) : m_out(out), m_err(err), m_color(color) {}

  bool json() const noexcept { return m_json; }
  void set_json(bool json) noexcept { m_json = json; }
  bool color() const noexcept { return m_color; }
  void set_color(bool color) noexcept { m_color = color; }

  // One line of human text on stdout.
  void line(std::string_view text = {});
  // A JSON document on stdout, indented, followed by a newline.
  void document(const Json& value);
  // "warning: ..." on stderr (also in --json mode: stdout stays machine-readable).
  void warning(std::string_view text);
  // "error: ..." on stderr.
  void error(std::string_view text);

  // `text` wrapped in the ANSI escape of `style` when colour is on.
  std::string paint(std::string_view text, Style style) const;

private:
  std::ostream& m_out;
  std::ostream& m_err;
  bool m_color;
  bool m_json = false;
};

}  // namespace strata::cli
