#include "strata/engine/session.hpp"

namespace strata::engine {

Session::Session(const repo::Repository& repository, const SelectedDatabase& database, const RunSettings& settings,
                 SessionPolicy policy)
    : m_open(database, settings, policy.missing == MissingPolicy::create) {
  if (policy.lock == LockPolicy::wait) m_lock.emplace(m_open.acquire_lock(settings));
  if (policy.dirty == DirtyPolicy::unread) return;
  m_state = read_state(m_open.store(), repository);
  if (policy.dirty == DirtyPolicy::refuse) require_not_dirty(m_state, database);
}

db::Transaction Session::begin_write() {
  auto transaction = m_open.connection().begin(db::TransactionMode::write);
  m_lock->in_transaction();
  m_open.store().ensure();
  return transaction;
}

}  // namespace strata::engine
