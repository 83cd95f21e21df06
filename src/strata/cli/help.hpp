#pragma once
// `strata --help`, generated from the command table.
#include <string>

namespace strata::cli {

std::string main_help();

}  // namespace strata::cli
