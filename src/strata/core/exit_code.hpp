#pragma once
// ExitCode is public, with the errors that map to it (include/strata/error.hpp).
#include "strata/error.hpp"
