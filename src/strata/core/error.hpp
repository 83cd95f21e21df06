#pragma once
// One small error hierarchy with properties.
// Every error has a stable `code` (used in --json output) and maps to an exit code.
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "strata/core/exit_code.hpp"
#include "strata/core/problem.hpp"

namespace strata {

class Error : public std::runtime_error {
public:
  Error(std::string code, std::string message, ExitCode exit_code);
  const std::string& code() const noexcept { return m_code; }
  ExitCode exit_code() const noexcept { return m_exit_code; }

private:
  std::string m_code;
  ExitCode m_exit_code;
};

// Bad command-line arguments or an unusable option combination. Exit 2.
class UsageError : public Error {
public:
  explicit UsageError(std::string message, std::string code = "usage");
};

// strata.toml or environment problems. Exit 2. Names the file and line where known.
class ConfigError : public Error {
public:
  explicit ConfigError(std::string message, std::string code = "config");
};

// A file that cannot be read or parsed. Exit 3. The message starts with "path:line: ".
class RepositoryError : public Error {
public:
  RepositoryError(std::string path, int line, std::string message, std::string code = "parse_error");
  const std::string& path() const noexcept { return m_path; }
  int line() const noexcept { return m_line; }

private:
  std::string m_path;
  int m_line;
};

// A defect of the revision graph, or a target that cannot be resolved. Exit 3.
// When the graph could not be built, `problems()` lists every defect found.
class GraphError : public Error {
public:
  GraphError(std::string code, std::string message, std::vector<std::string> revisions = {});
  explicit GraphError(std::vector<Problem> problems);
  const std::vector<std::string>& revisions() const noexcept { return m_revisions; }
  const std::vector<Problem>& problems() const noexcept { return m_problems; }

private:
  std::vector<std::string> m_revisions;
  std::vector<Problem> m_problems;
};

// The database and the repository disagree: applied revisions the repository lacks, checksum mismatch. Exit 3.
class MismatchError : public Error {
public:
  explicit MismatchError(std::string message, std::string code = "mismatch");
};

// A database could not be reached, a statement failed, or the database is dirty. Exit 4.
// The message names the database with its password redacted.
struct DatabaseErrorDetails {
  std::string sqlstate;   // empty when unknown
  std::string statement;  // the failing statement, if any
  std::string path;       // migration file of the statement, if any
  int line = 0;           // line of the statement (or of the error position) in that file
};

class DatabaseError : public Error {
public:
  using Details = DatabaseErrorDetails;
  DatabaseError(std::string message, Details details = {}, std::string code = "database");
  const Details& details() const noexcept { return m_details; }

private:
  Details m_details;
};

// The migration lock was not acquired within the timeout. Exit 5.
class LockTimeoutError : public Error {
public:
  explicit LockTimeoutError(std::string message);
};

}  // namespace strata
