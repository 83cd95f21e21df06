#include "support/postgres.hpp"

#include <libpq-fe.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdlib>
#include <memory>
#include <random>
#include <stdexcept>

namespace strata::testing {

std::optional<std::string> pg_admin_url() {
  const char* value = std::getenv("STRATA_TEST_PG_URL");
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

bool in_ci() {
  const char* value = std::getenv("CI");
  return value != nullptr && std::string(value) == "true";
}

PgAvailability pg_availability() {
  if (pg_admin_url()) return PgAvailability::available;
  return in_ci() ? PgAvailability::fail : PgAvailability::skip;
}

std::string unique_name(const std::string& prefix) {
  static std::atomic<int> counter{0};
  static const unsigned salt = std::random_device{}() % 100000;
  return prefix + "_" + std::to_string(::getpid()) + "_" + std::to_string(salt) + "_" + std::to_string(++counter);
}

std::string with_database(const std::string& url, const std::string& database) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) throw std::runtime_error("not a PostgreSQL URL: " + url);
  const auto authority_start = scheme_end + 3;
  const auto query_start = std::min(url.find('?', authority_start), url.size());
  const auto path_start = std::min(url.find('/', authority_start), query_start);
  return url.substr(0, path_start) + "/" + database + url.substr(query_start);
}

std::string with_search_path(const std::string& url, const std::string& schema) {
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema;
}

void pg_execute(const std::string& url, const std::string& sql) {
  const std::unique_ptr<PGconn, decltype(&PQfinish)> connection(PQconnectdb(url.c_str()), &PQfinish);
  if (PQstatus(connection.get()) != CONNECTION_OK)
    throw std::runtime_error("test set-up: cannot connect to PostgreSQL: " +
                             std::string(PQerrorMessage(connection.get())));
  const std::unique_ptr<PGresult, decltype(&PQclear)> quiet(
      PQexec(connection.get(), "SET client_min_messages = warning"), &PQclear);
  const std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(connection.get(), sql.c_str()), &PQclear);
  const auto status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    throw std::runtime_error("test set-up: " + std::string(PQerrorMessage(connection.get())) + " in: " + sql);
}

namespace {

std::string identifier(const std::string& prefix) {
  std::string name = prefix.substr(0, 30);
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return std::isalnum(c) ? static_cast<char>(std::tolower(c)) : '_'; });
  return unique_name(name);
}

}  // namespace

ScratchPgDatabase::ScratchPgDatabase(const std::string& prefix) {
  const auto admin = pg_admin_url();
  if (!admin) throw std::runtime_error("STRATA_TEST_PG_URL is not set");
  m_admin_url = *admin;
  m_name = identifier(prefix);
  pg_execute(m_admin_url, "CREATE DATABASE \"" + m_name + "\" TEMPLATE template0");
  m_url = with_database(m_admin_url, m_name);
}

ScratchPgDatabase::~ScratchPgDatabase() {
  try {
    pg_execute(m_admin_url, "DROP DATABASE IF EXISTS \"" + m_name + "\" WITH (FORCE)");
  } catch (const std::exception&) {
    // A leftover database on a throwaway test server is harmless; a destructor must not throw.
  }
}

ScratchPgSchema::ScratchPgSchema(const std::string& base_url, const std::string& prefix)
    : m_base_url(base_url), m_name(identifier(prefix)), m_url(with_search_path(base_url, m_name)) {
  pg_execute(m_base_url, "CREATE SCHEMA " + m_name);
}

ScratchPgSchema::~ScratchPgSchema() {
  try {
    pg_execute(m_base_url, "DROP SCHEMA " + m_name + " CASCADE");
  } catch (const std::exception&) {
    // A schema left behind does not change any result; a destructor must not throw.
  }
}

void PostgresTest::SetUp() {
  STRATA_REQUIRE_PG();
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  m_database.emplace(std::string(info->test_suite_name()) + "_" + info->name());
}

}  // namespace strata::testing
