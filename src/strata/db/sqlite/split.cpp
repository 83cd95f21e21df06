#include "strata/db/sqlite/split.hpp"

#include <sqlite3.h>

#include <string>

#include "strata/db/split_builder.hpp"

namespace strata::db::sqlite {

std::vector<Statement> split(std::string_view sql) {
  SplitBuilder builder(sql);
  std::size_t start = 0;
  std::string candidate;  // sqlite3_complete needs a NUL-terminated string
  for (std::size_t semicolon = sql.find(';'); semicolon != std::string_view::npos;
       semicolon = sql.find(';', semicolon + 1)) {
    candidate.assign(sql.substr(start, semicolon + 1 - start));
    if (sqlite3_complete(candidate.c_str()) == 0) continue;
    builder.add(start, semicolon + 1);
    start = semicolon + 1;
  }
  builder.add(start, sql.size());
  return builder.take();
}

}  // namespace strata::db::sqlite
