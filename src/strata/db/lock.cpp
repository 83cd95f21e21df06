#include "strata/db/lock.hpp"

#include <thread>

#include <fmt/format.h>

#include "strata/db/lock_impl.hpp"
#include "strata/util/human_duration.hpp"
#include "strata/util/sha256.hpp"
#include "strata/util/strings.hpp"

namespace strata::db {

std::string LockHolder::description() const {
  const std::string process = pid ? fmt::format("pid {}", *pid) : std::string("unknown process");
  std::vector<std::string> parts;
  if (!application_name.empty()) parts.push_back(fmt::format("application '{}'", application_name));
  if (!user.empty()) parts.push_back(fmt::format("user '{}'", user));
  if (!client.empty()) parts.push_back(fmt::format("client {}", client));
  if (!since.empty()) parts.push_back(fmt::format("since {}", since));
  return parts.empty() ? process : fmt::format("{} ({})", process, util::join(parts, ", "));
}

bool poll_until(const LockOptions& options, const std::function<bool()>& try_once) {
  const auto deadline = std::chrono::steady_clock::now() + options.timeout;
  while (true) {
    if (try_once()) return true;
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return false;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now);
    std::this_thread::sleep_for(std::min(left, options.poll_interval));
  }
}

void throw_lock_timeout(const Connection& connection, const LockOptions& options,
                        const std::optional<LockHolder>& holder) {
  throw LockTimeoutError(
      fmt::format("could not acquire the migration lock on {} within {}: held by {}\nhint: another "
                  "strata run is in progress; wait for it to finish, or raise --lock-timeout",
                  connection.display_name(), util::human_duration(options.timeout),
                  holder ? holder->description() : std::string("another session")));
}

std::int64_t advisory_lock_key(const VersionStoreOptions& store) {
  const std::string digest = util::sha256_hex("strata-lock:" + store.schema + "." + store.table);
  const std::uint64_t high = std::stoull(digest.substr(0, 16), nullptr, 16);
  return static_cast<std::int64_t>(high);
}

MigrationLock::MigrationLock(std::unique_ptr<LockImpl> impl) noexcept : m_impl(std::move(impl)) {}

MigrationLock::MigrationLock(MigrationLock&& other) noexcept = default;

MigrationLock::~MigrationLock() {
  if (m_impl) m_impl->release_quietly();
}

MigrationLock MigrationLock::acquire(Connection& connection, const VersionStoreOptions& store,
                                     const LockOptions& options) {
  return MigrationLock(connection.open_migration_lock(store, options));
}

void MigrationLock::in_transaction() {
  if (m_impl) m_impl->in_transaction();
}

void MigrationLock::release() {
  if (!m_impl) return;
  auto impl = std::move(m_impl);
  impl->release();
}

std::optional<LockHolder> lock_holder(Connection& connection, const VersionStoreOptions& store) {
  return connection.migration_lock_holder(store);
}

}  // namespace strata::db
