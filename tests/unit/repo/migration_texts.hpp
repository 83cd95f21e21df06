#pragma once
// The text of minimal migration files for the repository tests (their temporary folders: support/temp_dir.hpp).
#include <string>

namespace strata::repo::testing {

// A minimal native migration.
inline std::string native(const std::string& id, const std::string& revises = "", const std::string& extra = "") {
  return "-- revision: " + id + "\n-- revises: " + revises + "\n" + extra + "-- +up\nSELECT 1;\n-- +down\nSELECT 2;\n";
}

// A minimal Alembic revision.
inline std::string alembic(const std::string& id, const std::string& down_revision = "None",
                           const std::string& extra = "") {
  return "\"\"\"rev " + id + "\n\n\"\"\"\nrevision = '" + id + "'\ndown_revision = " + down_revision + "\n" + extra +
         "\ndef upgrade():\n    pass\n";
}

}  // namespace strata::repo::testing
