#include "strata/core/error.hpp"

#include <utility>

#include "strata/util/excerpt.hpp"

namespace strata {

Error::Error(std::string code, std::string message, ExitCode exit_code)
    : std::runtime_error(std::move(message)), m_code(std::move(code)), m_exit_code(exit_code) {}

UsageError::UsageError(std::string message, std::string code)
    : Error(std::move(code), std::move(message), ExitCode::usage) {}

ConfigError::ConfigError(std::string message, std::string code)
    : Error(std::move(code), std::move(message), ExitCode::usage) {}

// A path that is input too (a folder named in strata.toml) is quoted short, like any other input.
static std::string with_position(const std::string& path, int line, const std::string& message) {
  constexpr std::size_t k_path_length = 240;
  if (path.empty()) return message;
  const auto shown = util::excerpt(path, k_path_length);
  if (line <= 0) return shown + ": " + message;
  return shown + ":" + std::to_string(line) + ": " + message;
}

RepositoryError::RepositoryError(std::string path, int line, std::string message, std::string code)
    : Error(std::move(code), with_position(path, line, message), ExitCode::repository),
      m_path(std::move(path)),
      m_line(line) {}

GraphError::GraphError(std::string code, std::string message, std::vector<std::string> revisions)
    : Error(std::move(code), std::move(message), ExitCode::repository), m_revisions(std::move(revisions)) {}

static std::string summarize(const std::vector<Problem>& problems) {
  if (problems.empty()) return "the revision graph is invalid";
  std::string text = problems.front().message;
  for (std::size_t i = 1; i < problems.size(); ++i) text += "\n" + problems[i].message;
  return text;
}

GraphError::GraphError(std::vector<Problem> problems)
    : Error(problems.size() == 1 ? problems.front().code : "invalid_graph", summarize(problems), ExitCode::repository),
      m_problems(std::move(problems)) {
  for (const auto& problem : m_problems)
    m_revisions.insert(m_revisions.end(), problem.revisions.begin(), problem.revisions.end());
}

MismatchError::MismatchError(std::string message, std::string code)
    : Error(std::move(code), std::move(message), ExitCode::repository) {}

DatabaseError::DatabaseError(std::string message, Details details, std::string code)
    : Error(std::move(code), std::move(message), ExitCode::database), m_details(std::move(details)) {}

LockTimeoutError::LockTimeoutError(std::string message)
    : Error("lock_timeout", std::move(message), ExitCode::lock_timeout) {}

}  // namespace strata
