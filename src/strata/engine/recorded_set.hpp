#pragma once
// The revisions a database has recorded, kept in step while a plan runs, and the version rows each step writes:
// its own row, and for a squash the rows of the revisions it replaces (recorded with it when it runs, so that
// tools reading either the squash or the originals see the same state; deleted with it when it is removed).
#include <set>
#include <string>
#include <vector>

#include "strata/db/version_store_sql.hpp"
#include "strata/graph/plan.hpp"
#include "strata/repo/repository.hpp"

namespace strata::engine {

struct RowChange {
  bool insert = true;  // false: delete
  std::string revision;
  std::string checksum;  // for inserts: the file's checksum (empty for a replaced revision whose file is gone)
  bool own = true;       // the step's own row (false: a replaced revision's)
  db::LogAction action = db::LogAction::upgrade;  // the log row that goes with it
  std::string detail;
};

class RecordedSet {
public:
  RecordedSet(const repo::Repository& repository, const std::vector<graph::RevIndex>& applied,
              const std::vector<std::string>& replaced_absent);

  bool contains(graph::RevIndex index) const { return m_applied.at(index) != 0; }
  // The row changes of `step`, in order, and the set updated as if they were written.
  std::vector<RowChange> apply(const graph::Step& step);
  // Marks one revision (a row another runner wrote, or a `transaction: none` migration's own bookkeeping).
  void set(graph::RevIndex index, bool applied) { m_applied.at(index) = applied ? 1 : 0; }
  // The recorded revisions that have files, in load order (their maximal elements are the database's heads).
  std::vector<graph::RevIndex> applied() const;

private:
  const repo::Repository& m_repository;
  std::vector<char> m_applied;  // by RevIndex
  std::set<std::string> m_absent;
};

}  // namespace strata::engine
