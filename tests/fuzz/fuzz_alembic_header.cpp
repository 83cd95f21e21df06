// libFuzzer target: the Alembic header reader (Python tokenizer, string decoder and literal evaluator). Every
// input is either read (possibly with unreadable fields) or rejected with a strata::Error naming file:line.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"
#include "strata/repo/migration_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = strata::fuzz::as_text(data, size);
  // A name the reader may look up, so the [alembic.names] path is exercised too.
  static const strata::repo::AlembicNames names{{"cli.EXPAND_BRANCH", "expand"}, {"BASE", "1a2b3c4d5e6f"}};
  strata::fuzz::expect_only_strata_errors([&] {
    const auto header = strata::repo::parse_alembic_header(text, "versions/fuzz.py", names);
    strata::fuzz::check_line(header.file.revision.line, text);
    for (const auto& unreadable : header.unreadable) strata::fuzz::check_line(unreadable.line, text);
  });
  return 0;
}
