// libFuzzer target: database URLs. A URL parses or is refused with a UsageError; the redacted forms never
// contain the password.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "strata/db/url.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = strata::fuzz::as_text(data, size);
  (void)strata::db::redact_url_text(text);
  strata::fuzz::expect_only_strata_errors([&] {
    const auto url = strata::db::DatabaseUrl::parse(text);
    const std::string password = url.password();
    // The password may legitimately occur elsewhere in the URL (as the user name, the host, the scheme); the
    // check applies only when it is written once, as the password, and no other part holds it.
    // A password made of URL syntax can be spelled by the parts around it by chance ("0s:s@tos5" without its
    // password shows "0s@tos5", which holds "s@tos5"; a query password "?host=/x" is spelled by "?host=/x" elsewhere)
    // without being revealed, so the check takes passwords without those characters.
    bool distinctive = password.size() >= 4 && text.find(password) == text.rfind(password) &&
                       std::string_view("postgresql://").find(password) == std::string_view::npos &&
                       password.find_first_of("@:/?&=#%") == std::string::npos;
    for (const auto& [keyword, value] : url.keywords()) {
      if (keyword != "password" && value.find(password) != std::string::npos) distinctive = false;
    }
    if (distinctive) {
      strata::fuzz::require(url.redacted().find(password) == std::string::npos, "redacted() shows the password");
      strata::fuzz::require(url.without_password().find(password) == std::string::npos,
                            "without_password() shows the password");
    }
    (void)strata::db::scrub_secret(std::string(text), password);
  });
  return 0;
}
