#include "engine/support/pgbouncer.hpp"

#include <pwd.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <thread>
#include <vector>

namespace strata::testing {

namespace {

constexpr const char* k_port = "6432";

std::string required_env(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0')
    throw std::runtime_error(std::string("$") + name + " is not set; start a server with tests/postgres/server.sh");
  return value;
}

std::string pgbouncer_program() {
  for (const char* path : {"/usr/sbin/pgbouncer", "/usr/bin/pgbouncer"})
    if (::access(path, X_OK) == 0) return path;
  throw std::runtime_error("pgbouncer is not installed (Debian: apt-get install pgbouncer; scripts/setup does)");
}

}  // namespace

Pgbouncer::Pgbouncer(const std::string& pool_mode) {
  const std::string socket = required_env("STRATA_TEST_PG_SOCKET");
  const std::string user = required_env("STRATA_TEST_PG_USER");
  const std::string program = pgbouncer_program();
  const auto& dir = m_dir.path();
  m_dir.write("userlist.txt", "\"" + user + "\" \"\"\n");
  m_dir.write("pgbouncer.ini",
              "[databases]\n"
              "* = host=" +
                  socket + " user=" + user +
                  "\n"
                  "[pgbouncer]\n"
                  "listen_addr =\n"
                  "listen_port = " +
                  std::string(k_port) +
                  "\n"
                  "unix_socket_dir = " +
                  dir.string() +
                  "\n"
                  "auth_type = trust\n"
                  "auth_file = " +
                  (dir / "userlist.txt").string() +
                  "\n"
                  "pool_mode = " +
                  pool_mode +
                  "\n"
                  "max_client_conn = 500\n"
                  "default_pool_size = 20\n"
                  "logfile = " +
                  (dir / "pgbouncer.log").string() +
                  "\n"
                  "pidfile = " +
                  (dir / "pgbouncer.pid").string() + "\n");
  if (::geteuid() == 0) {
    // PgBouncer will not run as root: hand the folder to the server's owner and run as that user.
    const passwd* owner = ::getpwnam(user.c_str());
    if (owner == nullptr) throw std::runtime_error("no such user: " + user);
    for (const auto& path : {dir, dir / "userlist.txt", dir / "pgbouncer.ini"})
      if (::chown(path.c_str(), owner->pw_uid, owner->pw_gid) != 0)
        throw std::runtime_error("cannot hand " + path.string() + " to " + user);
  }
  const std::string config = (dir / "pgbouncer.ini").string();
  std::string launcher = program;
  std::vector<std::string> args{config};
  if (::geteuid() == 0) {
    launcher = "/usr/sbin/runuser";
    args = {"-u", user, "--", program, config};
  }
  // pgbouncer writes its log to pgbouncer.log as well; its own output goes to a file, to keep the test's readable.
  m_child.emplace(launcher, args, dir / "pgbouncer.out");
  // Up when its socket exists (pgbouncer creates it only once it accepts connections).
  const auto socket_file = dir / (std::string(".s.PGSQL.") + k_port);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (!std::filesystem::exists(socket_file)) {
    if (m_child->ended()) {
      m_child.reset();
      throw std::runtime_error("pgbouncer exited at start:\n" + log());
    }
    if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error("pgbouncer did not start:\n" + log());
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

Pgbouncer::~Pgbouncer() {
  if (!m_child) return;
  // SIGTERM to pgbouncer itself (behind runuser when root): immediate shutdown, closing every server connection.
  pid_t pgbouncer = -1;
  if (std::ifstream pidfile(m_dir.path() / "pgbouncer.pid"); pidfile >> pgbouncer && pgbouncer > 0)
    ::kill(pgbouncer, SIGTERM);
  try {
    m_child->kill_and_wait(SIGTERM);
  } catch (const std::exception&) {
    // A destructor must not throw; StartedProgram's own destructor has nothing left to do then either.
  }
}

std::string Pgbouncer::url_for(const std::string& direct_url) const {
  const std::string socket = required_env("STRATA_TEST_PG_SOCKET");
  std::string url = direct_url;
  const auto at = url.find("host=" + socket);
  if (at == std::string::npos) throw std::runtime_error("not a URL of the test server: " + direct_url);
  url.replace(at, 5 + socket.size(), "host=" + m_dir.path().string() + "&port=" + k_port);
  return url;
}

std::string Pgbouncer::log() const {
  std::ifstream file(m_dir.path() / "pgbouncer.log");
  return std::string(std::istreambuf_iterator<char>(file), {});
}

}  // namespace strata::testing
