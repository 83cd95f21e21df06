#pragma once
// Where commands print: stdout for results, stderr for warnings and errors. The streams are passed in, so unit
// tests capture them; colour is decided once by the caller, for each stream separately (that stream a terminal,
// NO_COLOR unset, no --no-color), so `2>err.log` on a terminal writes no escape codes into the file.
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "strata/error.hpp"

namespace strata::cli {

// Insertion-ordered, so documents print their keys in the documented order.
using Json = nlohmann::ordered_json;

// The one way JSON becomes text: bytes that are not UTF-8 (a file name, a message read from a file) become U+FFFD
// instead of aborting the process. `indent` -1 prints one line.
std::string json_text(const Json& value, int indent = -1);

// An error as --json prints it: {"code", "message", then each field that is known: "revision", "direction",
// "path", "line", "database", "sqlstate", "revisions"}. Built from the code and the fields alone, for every kind
// of error alike.
Json error_body(ErrorCode code, std::string_view message, const ErrorFields& fields);
Json error_body(const Error& error);

enum class Style { plain, id, mark, warning, error, good };

class Output {
public:
  Output(std::ostream& out, std::ostream& err, bool color) : Output(out, err, color, color) {}
  Output(std::ostream& out, std::ostream& err, bool out_color, bool err_color)
      : m_out(out), m_err(err), m_out_color(out_color), m_err_color(err_color) {}

  bool json() const noexcept { return m_json; }
  void set_json(bool json) noexcept { m_json = json; }
  // Whether stdout is coloured (what `paint` is for).
  bool color() const noexcept { return m_out_color; }

  // One line of human text on stdout.
  void line(std::string_view text = {});
  // A JSON document on stdout, indented, followed by a newline.
  void document(const Json& value);
  // One JSON Lines object on stdout (--json progress: `step`, `plan`, `done`, `backup`, a failure's `error`), on one
  // line, flushed so that a reader sees each event as it happens.
  void event(const Json& value);
  // Text on stdout as it is, no newline added: a SQL script, a schema, a linter format.
  void raw(std::string_view text);
  // A document too large to build in memory first, written piece by piece to stdout by `write`.
  void stream(const std::function<void(std::ostream&)>& write);
  // A progress line redrawn in place on stdout (a terminal): carriage return, `text`, clear to the end of the line.
  void redraw(std::string_view text);
  // Ends a line drawn by redraw.
  void end_redraw();
  // "warning: ..." on stderr (also in --json mode: stdout stays machine-readable). Control characters and bytes
  // that are not UTF-8 in `text` are escaped, so no input reaches the terminal raw; line breaks stay.
  void warning(std::string_view text);
  // "error: ..." on stderr, escaped as warnings are.
  void error(std::string_view text);

  // `text` wrapped in the ANSI escape of `style` when stdout is coloured.
  std::string paint(std::string_view text, Style style) const;

private:
  void to_stderr(std::string_view label, Style style, std::string_view text);

  std::ostream& m_out;
  std::ostream& m_err;
  bool m_out_color;
  bool m_err_color;
  bool m_json = false;
};

}  // namespace strata::cli
