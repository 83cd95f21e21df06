// Bad input never loses data: a missing database, a wrong password, an unreachable server, an unknown target, a
// database ahead of the code, an edited applied migration — each a clear message, the right exit code, nothing
// changed.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "engine/support/e2e_project.hpp"

namespace strata::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class BadInput : public EngineTest {
protected:
  void set_up() override {
    EngineTest::set_up();
    m_project.write_all(users_chain());
  }
};

// --- a database that does not exist ------------------------------------------------------------------------

TEST_P(BadInput, MissingDatabaseIsExit4AndIsNotCreated) {
  std::string url;
  std::string named;  // what the message must name
  if (is_pg()) {
    const auto name = db().pg_name() + "_absent";
    url = with_database(db().url(), name);
    named = name;
  } else {
    const auto file = m_project.dir() / "absent.db";
    url = "sqlite://" + file.string();
    named = "database file '" + file.string() + "' does not exist";
  }
  for (const std::vector<std::string>& command :
       {std::vector<std::string>{"status"}, {"status", "--exit-code"}, {"current"}, {"downgrade", "base"}}) {
    auto args = command;
    args.insert(args.end(), {"--url", url});
    const auto result = m_project.run(args);
    EXPECT_EQ(result.exit_code, 4) << describe(result);
    EXPECT_NE(all_output(result).find(named), std::string::npos) << describe(result);
  }
  if (is_pg()) {
    EXPECT_EQ(query_database(Backend::postgres, *pg_admin_url(),
                             "SELECT count(*) FROM pg_database WHERE datname = '" + named + "'")[0][0],
              "0");
  } else {
    EXPECT_FALSE(fs::exists(m_project.dir() / "absent.db")) << "a read-only command created the database file";
  }
}

TEST_P(BadInput, StatusJsonReportsAnUnreachableDatabase) {
  const auto url = is_pg() ? with_database(db().url(), db().pg_name() + "_absent")
                           : "sqlite://" + (m_project.dir() / "absent.db").string();
  const auto result = m_project.run({"status", "--json", "--exit-code", "--url", url});
  EXPECT_EQ(result.exit_code, 4) << describe(result);
  const auto document = json_document(result);
  ASSERT_EQ(document["databases"].size(), 1u) << result.out;
  const auto& database = document["databases"][0];
  EXPECT_TRUE(database["error"].is_object()) << database;
  EXPECT_TRUE(database["error"]["message"].is_string()) << database;
  EXPECT_EQ(database["up_to_date"], false);
}

// --- targets and revisions the repository does not have ---------------------------------------------------

TEST_P(BadInput, UnknownTargetIsExit3AndChangesNothing) {
  strata_ok({"upgrade", k_rev1});
  const auto listing = db().schema_listing();
  const auto log = db().log_counts();
  for (const auto* direction : {"upgrade", "downgrade"}) {
    const auto result = strata({direction, "nope"});
    EXPECT_EQ(result.exit_code, 3) << describe(result);
    EXPECT_NE(result.err.find("Can't locate revision identified by 'nope'"), std::string::npos) << describe(result);
  }
  EXPECT_EQ(db().schema_listing(), listing);
  EXPECT_EQ(db().log_counts(), log);
}

TEST_P(BadInput, UnknownTargetOnAnEmptyDatabaseCreatesNothing) {
  const auto listing = db().schema_listing();
  const auto result = strata({"upgrade", "nope"});
  EXPECT_EQ(result.exit_code, 3) << describe(result);
  EXPECT_EQ(db().schema_listing(), listing) << "the version store was created for a plan that cannot exist";
}

TEST_P(BadInput, DatabaseAheadOfTheCode) {
  strata_ok({"upgrade"});
  fs::remove(m_project.migrations() / file_name(users_chain()[2]));
  m_project.write({"4d5e6f708104",
                   "create_invoices",
                   {k_rev2},
                   "CREATE TABLE invoices (id integer);\n",
                   "DROP TABLE invoices;\n",
                   {},
                   false});
  const auto listing = db().schema_listing();
  const auto result = strata({"upgrade"});
  EXPECT_EQ(result.exit_code, 3) << describe(result);
  EXPECT_NE(result.err.find(k_rev3), std::string::npos) << describe(result);
  EXPECT_NE(result.err.find("the database is ahead of the code"), std::string::npos) << describe(result);
  EXPECT_EQ(db().schema_listing(), listing);
  EXPECT_FALSE(db().has_table("invoices"));

  const auto status = strata({"status", "--json", "--exit-code"});
  EXPECT_EQ(status.exit_code, 3) << describe(status);
  EXPECT_EQ(json_document(status)["databases"][0]["unknown_applied"], json{k_rev3});
  const auto down = strata({"downgrade", k_rev1});
  EXPECT_EQ(down.exit_code, 3) << describe(down);
  EXPECT_EQ(db().schema_listing(), listing);
}

// --- an applied migration whose file changed ---------------------------------------------------------------

TEST_P(BadInput, ChecksumMismatchStopsUpgradeBeforeAnything) {
  strata_ok({"upgrade", k_rev2});
  auto edited = users_chain()[0];
  edited.up = "CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL, nickname text);\n";
  m_project.write(edited);
  const auto listing = db().schema_listing();

  const auto result = strata({"upgrade"});
  EXPECT_EQ(result.exit_code, 3) << describe(result);
  EXPECT_NE(result.err.find(file_name(edited)), std::string::npos) << describe(result);
  EXPECT_NE(result.err.find(k_rev1), std::string::npos) << describe(result);
  EXPECT_EQ(db().schema_listing(), listing) << "upgrade ran a migration despite the mismatch";
  EXPECT_FALSE(db().has_table("orders"));

  const auto status = strata({"status", "--json", "--exit-code"});
  EXPECT_EQ(status.exit_code, 3) << describe(status);
  const auto mismatches = json_document(status)["databases"][0]["checksum_mismatches"];
  ASSERT_EQ(mismatches.size(), 1u) << status.out;
  EXPECT_EQ(mismatches[0]["revision"], k_rev1);
  EXPECT_TRUE(mismatches[0]["path"].get<std::string>().ends_with(file_name(edited))) << mismatches;

  const auto allowed = strata({"upgrade", "--allow-checksum-mismatch"});
  EXPECT_EQ(allowed.exit_code, 0) << describe(allowed);
  EXPECT_TRUE(db().has_table("orders"));
}

// status --json names both checksums of an edited file: the one recorded when it ran and the file's now, which is
// what rehash records.
TEST_P(BadInput, StatusJsonGivesTheRecordedAndTheCurrentChecksum) {
  strata_ok({"upgrade"});
  const auto checksum_sql = "SELECT checksum FROM strata_migrations WHERE revision = '" + k_rev3 + "'";
  const auto recorded = db().scalar(checksum_sql);
  auto edited = users_chain()[2];
  edited.up = "CREATE TABLE orders (id integer PRIMARY KEY, user_id integer NOT NULL);\n";
  m_project.write(edited);

  const auto status = strata({"status", "--json"});
  EXPECT_EQ(status.exit_code, 0) << describe(status);
  const auto mismatches = json_document(status)["databases"][0]["checksum_mismatches"];
  ASSERT_EQ(mismatches.size(), 1u) << status.out;
  EXPECT_TRUE(mismatches[0]["path"].get<std::string>().ends_with(file_name(edited))) << mismatches;

  strata_ok({"rehash", k_rev3});
  const auto current = db().scalar(checksum_sql);
  EXPECT_NE(recorded, current);
  EXPECT_EQ(mismatches[0], (json{{"revision", k_rev3},
                                 {"path", mismatches[0]["path"]},
                                 {"recorded_checksum", recorded},
                                 {"current_checksum", current}}));
}

TEST_P(BadInput, RehashAcceptsAnEditedMigration) {
  strata_ok({"upgrade"});
  auto edited = users_chain()[2];
  edited.up = "CREATE TABLE orders (id integer PRIMARY KEY, user_id integer NOT NULL);\n";
  m_project.write(edited);
  EXPECT_EQ(strata({"status", "--exit-code"}).exit_code, 3);
  EXPECT_EQ(strata({"upgrade"}).exit_code, 3);
  strata_ok({"rehash", k_rev3});
  const auto status = strata({"status", "--exit-code", "--json"});
  EXPECT_EQ(status.exit_code, 0) << describe(status);
  EXPECT_EQ(json_document(status)["databases"][0]["checksum_mismatches"], json::array());
  EXPECT_EQ(db().applied_revisions(), (std::vector<std::string>{k_rev1, k_rev2, k_rev3}));
  strata_ok({"upgrade"});
}

// Alembic's stamp semantics: stamping an applied ancestor moves the head back to it (the later revision is no
// longer recorded). Stamp leaves the checksums of the rows it keeps alone: accepting an edit is `rehash`.
TEST_P(BadInput, StampOfAnEditedAncestorMovesTheHeadButAcceptsNothing) {
  strata_ok({"upgrade"});
  auto edited = users_chain()[1];
  edited.up = "ALTER TABLE users ADD COLUMN email varchar(320);\n";
  m_project.write(edited);
  strata_ok({"stamp", k_rev2});
  const auto status = strata({"status", "--exit-code", "--json"});
  EXPECT_EQ(status.exit_code, 3) << describe(status);
  const auto database = json_document(status)["databases"][0];
  EXPECT_EQ(database["checksum_mismatches"].size(), 1u) << database;
  EXPECT_EQ(database["current_heads"], json{k_rev2});
  EXPECT_EQ(db().tables(), (std::vector<std::string>{"orders", "users"})) << "stamp must not run SQL";
}

INSTANTIATE_TEST_SUITE_P(BothEngines, BadInput, k_both_engines, backend_param_name);

// SQLite only: PostgreSQL databases are created by the server's owner, not by strata.
TEST(SqliteFile, UpgradeCreatesAMissingFile) {
  E2eProject project;
  project.write_all(users_chain());
  const auto file = project.dir() / "fresh" / "app.db";
  fs::create_directories(file.parent_path());
  const auto result = project.run({"upgrade", "--url", "sqlite://" + file.string()});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  ASSERT_TRUE(fs::exists(file));
  EXPECT_EQ(query_database(Backend::sqlite, file.string(), "SELECT count(*) FROM strata_migrations")[0][0], "3");
}

// SQLite only (PostgreSQL's counterpart: MissingDatabase).
TEST(SqliteFile, GarbageInsteadOfADatabaseIsLeftAlone) {
  E2eProject project;
  project.write_all(users_chain());
  const auto file = project.temp().write("notes.db", "these are my notes, not a database\n");
  const auto result = project.run({"upgrade", "--url", "sqlite://" + file.string()});
  EXPECT_EQ(result.exit_code, 4) << describe(result);
  EXPECT_NE(result.err.find("file is not a database"), std::string::npos) << describe(result);
  EXPECT_EQ(read_file(file), "these are my notes, not a database\n");
}

// --- PostgreSQL connection failures: the password must never be shown --------------------------------------

// A stand-in PostgreSQL server on 127.0.0.1 that asks for a password and rejects it as a real server does
// (ErrorResponse FATAL 28P01). It answers 'N' to SSL and GSS encryption requests. Needs no real server, so these
// tests run everywhere.
class RejectingServer {
public:
  RejectingServer() {
    m_listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (m_listener < 0 || ::bind(m_listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(m_listener, 16) != 0 || ::getsockname(m_listener, reinterpret_cast<sockaddr*>(&address), &length) != 0)
      throw std::runtime_error("cannot start the rejecting server");
    m_port = ntohs(address.sin_port);
    m_thread = std::thread([this] { serve(); });
  }
  ~RejectingServer() {
    m_stop = true;
    m_thread.join();
    ::close(m_listener);
  }
  RejectingServer(const RejectingServer&) = delete;
  RejectingServer& operator=(const RejectingServer&) = delete;

  int port() const noexcept { return m_port; }
  std::vector<std::string> passwords() {
    std::lock_guard guard(m_mutex);
    return m_passwords;
  }

private:
  static bool read_exactly(int fd, char* buffer, std::size_t size) {
    while (size > 0) {
      pollfd ready{fd, POLLIN, 0};
      if (::poll(&ready, 1, 5000) <= 0) return false;
      const auto count = ::read(fd, buffer, size);
      if (count <= 0) return false;
      buffer += count;
      size -= static_cast<std::size_t>(count);
    }
    return true;
  }
  static std::uint32_t be32(const char* bytes) {
    std::uint32_t value = 0;
    for (int i = 0; i < 4; ++i) value = (value << 8) | static_cast<unsigned char>(bytes[i]);
    return value;
  }
  static void put32(std::string& out, std::uint32_t value) {
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((value >> shift) & 0xff));
  }
  static void send_all(int fd, const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
      const auto count = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (count <= 0) return;
      sent += static_cast<std::size_t>(count);
    }
  }

  void serve() {
    while (!m_stop) {
      pollfd ready{m_listener, POLLIN, 0};
      if (::poll(&ready, 1, 50) <= 0) continue;
      const int client = ::accept4(m_listener, nullptr, nullptr, SOCK_CLOEXEC);
      if (client < 0) continue;
      converse(client);
      ::close(client);
    }
  }

  void converse(int client) {
    constexpr std::uint32_t k_ssl_request = 80877103;
    constexpr std::uint32_t k_gss_request = 80877104;
    char header[8];
    for (;;) {  // the startup phase: encryption requests, then the startup packet
      if (!read_exactly(client, header, 8)) return;
      const auto length = be32(header);
      const auto code = be32(header + 4);
      if (length < 8 || length > 10000) return;
      std::string rest(length - 8, '\0');
      if (!read_exactly(client, rest.data(), rest.size())) return;
      if (code == k_ssl_request || code == k_gss_request) {
        send_all(client, "N");
        continue;
      }
      break;
    }
    std::string ask{"R"};
    put32(ask, 8);
    put32(ask, 3);  // AuthenticationCleartextPassword
    send_all(client, ask);
    char type = 0;
    if (!read_exactly(client, &type, 1) || type != 'p' || !read_exactly(client, header, 4)) return;
    std::string password(be32(header) - 4, '\0');
    if (!read_exactly(client, password.data(), password.size())) return;
    if (!password.empty() && password.back() == '\0') password.pop_back();
    {
      std::lock_guard guard(m_mutex);
      m_passwords.push_back(password);
    }
    std::string fields;
    for (const auto& field : {std::string("SFATAL"), std::string("VFATAL"), std::string("C28P01"),
                              std::string("Mpassword authentication failed for user \"alice\"")})
      fields += field + '\0';
    fields += '\0';
    std::string error{"E"};
    put32(error, static_cast<std::uint32_t>(fields.size() + 4));
    send_all(client, error + fields);
  }

  int m_listener = -1;
  int m_port = 0;
  std::atomic<bool> m_stop{false};
  std::mutex m_mutex;
  std::vector<std::string> m_passwords;
  std::thread m_thread;
};

void expect_no_secret(const RunResult& result, const std::vector<std::string>& secrets) {
  for (const auto& secret : secrets) {
    EXPECT_EQ(result.out.find(secret), std::string::npos) << "password '" << secret << "' on stdout\n"
                                                          << describe(result);
    EXPECT_EQ(result.err.find(secret), std::string::npos) << "password '" << secret << "' on stderr\n"
                                                          << describe(result);
  }
}

TEST(PostgresConnection, WrongPasswordIsExit4WithoutThePassword) {
  E2eProject project;
  project.write_all(users_chain());
  RejectingServer server;
  // "p%40ss" is "p@ss" percent-encoded: neither form may appear.
  const auto url = "postgresql://alice:p%40ss-Sup3rS3cret@127.0.0.1:" + std::to_string(server.port()) +
                   "/app?sslmode=disable&connect_timeout=5";
  const std::vector<std::string> secrets{"p@ss-Sup3rS3cret", "p%40ss-Sup3rS3cret", "Sup3rS3cret"};
  for (const std::vector<std::string>& command : {std::vector<std::string>{"upgrade"},
                                                  {"upgrade", "-v"},
                                                  {"upgrade", "--json"},
                                                  {"status"},
                                                  {"status", "--exit-code", "--json"},
                                                  {"current"},
                                                  {"downgrade", "base"},
                                                  {"stamp", k_rev1}}) {
    auto args = command;
    args.insert(args.end(), {"--url", url});
    const auto result = project.run(args);
    EXPECT_EQ(result.exit_code, 4) << describe(result);
    EXPECT_NE(all_output(result).find("password authentication failed"), std::string::npos) << describe(result);
    EXPECT_NE(all_output(result).find("alice:***@127.0.0.1"), std::string::npos)
        << "the database is not named (redacted)\n"
        << describe(result);
    expect_no_secret(result, secrets);
  }
  const auto through_env = project.run({"upgrade"}, {{"DATABASE_URL", url}});
  EXPECT_EQ(through_env.exit_code, 4) << describe(through_env);
  expect_no_secret(through_env, secrets);
  const auto received = server.passwords();
  ASSERT_FALSE(received.empty()) << "strata never sent the password";
  EXPECT_EQ(received.front(), "p@ss-Sup3rS3cret");
}

TEST(PostgresConnection, UnreachableServerIsExit4WithoutThePassword) {
  E2eProject project;
  project.write_all(users_chain());
  // Port 1 on loopback refuses connections; a socket folder that does not exist cannot be reached either.
  for (const auto& url : {std::string("postgresql://alice:Sup3rS3cret@127.0.0.1:1/app?connect_timeout=3"),
                          std::string("postgresql://alice:Sup3rS3cret@/app?host=/nonexistent/strata-socket")}) {
    for (const std::vector<std::string>& command : {std::vector<std::string>{"upgrade"},
                                                    {"status", "--exit-code"},
                                                    {"status", "--json", "--exit-code"},
                                                    {"current", "-v"}}) {
      auto args = command;
      args.insert(args.end(), {"--url", url});
      const auto result = project.run(args);
      EXPECT_EQ(result.exit_code, 4) << describe(result);
      EXPECT_NE(all_output(result).find("alice:***@"), std::string::npos) << describe(result);
      expect_no_secret(result, {"Sup3rS3cret"});
    }
  }
}

}  // namespace
}  // namespace strata::testing
