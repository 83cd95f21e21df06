#pragma once
// Comparing two snapshots object by object, and hashing one for quick equality checks.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "strata/schema/model.hpp"

namespace strata::schema {

struct CompareOptions {
  // Column order is a difference only when asked; by default columns are matched by name.
  bool strict_column_order = false;
  // Grants are read always but compared only when asked.
  bool with_privileges = false;
};

// Whether diff() and the hash look at an attribute under these options (position and privileges only when asked,
// a view's output columns never).
bool is_compared(std::string_view attribute, const CompareOptions& options);

enum class Change {
  missing,  // in the expected schema, not in the actual one
  extra,    // in the actual schema, not in the expected one
  changed,  // in both, with an attribute that differs
};
std::string_view to_string(Change change) noexcept;  // "missing", "extra", "changed"

struct Difference {
  ObjectKind kind = ObjectKind::table;
  std::string object;  // qualified name
  Change change = Change::changed;
  std::string attribute;  // the attribute that differs; empty for missing and extra
  std::string expected;   // its value in the expected schema (empty when absent there)
  std::string actual;     // its value in the actual schema (empty when absent there)
};

// The differences that turn `expected` into `actual`, in canonical object order. The members of a missing or
// extra table (its columns, constraints, indexes, triggers, policies) are not listed separately: the table's
// line says it all. Engines are not compared: snapshots of two engines differ in their attributes anyway.
std::vector<Difference> diff(const Snapshot& expected, const Snapshot& actual, const CompareOptions& options = {});

// diff(expected, actual, options).size(), without building the differences: a walk over the two snapshots in
// canonical order (as readers return them) that allocates nothing per object; for picking the closest of many.
std::size_t difference_count(const Snapshot& expected, const Snapshot& actual, const CompareOptions& options = {});

// One line for people: "missing table public.users", "changed column public.users.email: type: text -> citext".
std::string format_difference(const Difference& difference);
// {"kind", "object", "change", "attribute", "expected", "actual"}
nlohmann::ordered_json to_json(const Difference& difference);

// Lower-case hex SHA-256 of the snapshot's compared content: equal hashes mean diff() finds nothing under the same
// options (position and privileges enter the hash only when the options compare them). Computed group by group
// (tracked_comparison.hpp), so that a replay can keep it up to date at the cost of what each step changed.
std::string snapshot_hash(const Snapshot& snapshot, const CompareOptions& options = {});
// The hash under the default comparison as strata computed it before it hashed group by group (one pass over all
// objects). Version stores keep such hashes from earlier upgrades; `drift --since-upgrade` accepts either form.
std::string legacy_snapshot_hash(const Snapshot& snapshot);

}  // namespace strata::schema
