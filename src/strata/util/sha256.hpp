#pragma once
#include <string>
#include <string_view>

namespace strata::util {

// Lower-case hex SHA-256 of the bytes, through OpenSSL's libcrypto.
std::string sha256_hex(std::string_view bytes);

}  // namespace strata::util
