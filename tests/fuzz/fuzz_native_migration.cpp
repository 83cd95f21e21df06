// libFuzzer target: the native SQL migration parser. Any input may be rejected with a strata::Error (a
// RepositoryError naming file:line); anything else escaping, a crash or a sanitizer report is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"
#include "strata/repo/migration_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = strata::fuzz::as_text(data, size);
  strata::fuzz::expect_only_strata_errors([&] {
    const auto file = strata::repo::parse_native_migration(text, "migrations/fuzz.sql");
    strata::fuzz::check_line(file.revision.line, text);
    strata::fuzz::check_line(file.up.first_line, text, true);
    if (file.down) strata::fuzz::check_line(file.down->first_line, text, true);
  });
  return 0;
}
