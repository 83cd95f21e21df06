#pragma once
// Problem is public, with the errors that carry it (include/strata/error.hpp).
#include "strata/error.hpp"
