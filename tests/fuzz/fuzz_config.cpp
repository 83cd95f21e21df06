// libFuzzer target: strata.toml parsing, including ${VAR} expansion and duration and lock-mode values.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"
#include "strata/config/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = strata::fuzz::as_text(data, size);
  static const auto environment = strata::config::fixed_environment(
      {{"DATABASE_URL", "postgres://app:secret@db/app"}, {"EMPTY", ""}, {"NESTED", "${DATABASE_URL}"}});
  strata::fuzz::expect_only_strata_errors([&] {
    const auto config = strata::config::parse_config(text, "/project/strata.toml", "strata.toml", environment);
    for (const auto& database : config.databases) {
      strata::fuzz::expect_only_strata_errors([&] { (void)database.used_url(); });
    }
  });
  return 0;
}
