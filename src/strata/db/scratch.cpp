#include "strata/db/scratch.hpp"

#include <random>

#include <fmt/format.h>

#include "strata/db/driver.hpp"
#include "strata/db/scratch_impl.hpp"

#include <unistd.h>

namespace strata::db {

std::string scratch_name() {
  // The pid tells an operator which run a leftover belongs to; the random part keeps concurrent runs apart.
  std::random_device device;
  std::uniform_int_distribution<unsigned> digit(0, 15);
  std::string suffix;
  for (int i = 0; i < 10; ++i) suffix.push_back("0123456789abcdef"[digit(device)]);
  return fmt::format("strata_scratch_{}_{}", ::getpid(), suffix);
}

std::unique_ptr<ScratchDatabase> create_scratch(const DatabaseUrl& near, const ScratchOptions& options) {
  return driver_for(near).create_scratch(near, options);
}

std::unique_ptr<ScratchDatabase> open_explicit_scratch(const DatabaseUrl& url, const ScratchOptions& options) {
  return driver_for(url).open_explicit_scratch(url, options);
}

}  // namespace strata::db
