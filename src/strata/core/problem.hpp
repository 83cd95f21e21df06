#pragma once
#include <string>
#include <vector>

namespace strata {

// One defect found while loading or validating: what `check` lists, and what a load error carries.
struct Problem {
  std::string code;                    // stable machine name, e.g. "duplicate_revision", "cycle"
  std::string message;                 // full human text, already naming file:line where known
  std::vector<std::string> paths;      // files involved
  std::vector<std::string> revisions;  // revision ids involved
};

}  // namespace strata
