#include <string>
#include <vector>

#include "strata/cli/run_cli.hpp"

int main(int argc, char** argv) { return strata::cli::run_cli(std::vector<std::string>(argv + 1, argv + argc)); }
