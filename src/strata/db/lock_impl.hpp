#pragma once
// Internal to db/: the per-engine halves of MigrationLock.
#include <functional>
#include <memory>
#include <optional>

#include "strata/db/lock.hpp"

namespace strata::db {

class LockImpl {
public:
  virtual ~LockImpl() = default;
  virtual void in_transaction() = 0;
  virtual void release() = 0;
  virtual void release_quietly() noexcept = 0;
};

// Calls `try_once` until it returns true or `options.timeout` has passed (at least one call). Returns whether
// it succeeded.
bool poll_until(const LockOptions& options, const std::function<bool()>& try_once);

// The LockTimeoutError text.
[[noreturn]] void throw_lock_timeout(const Connection& connection, const LockOptions& options,
                                     const std::optional<LockHolder>& holder);

namespace postgres {
std::unique_ptr<LockImpl> make_advisory_lock(Connection& connection, std::int64_t key, const LockOptions& options);
std::optional<LockHolder> advisory_lock_holder(Connection& connection, std::int64_t key);
}  // namespace postgres

namespace sqlite {
class SqliteConnection;
std::unique_ptr<LockImpl> make_file_lock(SqliteConnection& connection, const LockOptions& options);
std::optional<LockHolder> file_lock_holder(SqliteConnection& connection);
}  // namespace sqlite

}  // namespace strata::db
