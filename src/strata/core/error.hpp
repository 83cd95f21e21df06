#pragma once
// The error hierarchy is public (include/strata/error.hpp): library users catch and read the same types.
#include "strata/error.hpp"
