#pragma once
// Migration texts the lint tests share.
#include <string>

namespace strata::lint::testing {

// A native migration with `transaction: none` (squawk's "not in a transaction").
inline std::string no_transaction(const std::string& up) {
  return "-- revision: a1\n-- transaction: none\n\n-- +up\n" + up + "\n-- +down\n-- strata: no-op\n";
}

}  // namespace strata::lint::testing
