#pragma once
// The PostgreSQL rules: squawk's, under squawk's names, and strata's non-idempotent check, run over one section's
// parse trees. Each rule is an entry {id, check}; the checker holds what rules need to know about the section.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "strata/lint/catalog.hpp"
#include "strata/lint/options.hpp"
#include "strata/lint/pg_parse.hpp"

namespace strata::lint {

struct Violation {
  std::string_view rule;
  std::size_t offset = 0;     // byte offset within the section where the finding points
  std::size_t statement = 0;  // index of the statement it belongs to
  std::string message;
  std::string help;
};

struct PgSection {
  std::string_view sql;
  const ParsedSql* parsed = nullptr;
  bool per_migration = true;  // the engine runs the section in one transaction (squawk's assume-in-transaction)
  bool down = false;
  std::string path;     // for the `transaction: none` hint
  int header_line = 0;  // the `-- revision:` line, below which `-- transaction: none` goes
  // Was `table` created by this revision (or earlier in the pending run), as seen before statement `index`?
  std::function<bool(const std::string& table, std::size_t index)> is_new_table;
  std::function<bool(const std::string& table, const std::string& column, std::size_t index)> not_null_proven;
  // The table of an index the migrations created (empty when unknown), as seen before statement `index`.
  std::function<std::string(const std::string& index_name, std::size_t index)> index_table;
};

std::vector<Violation> check_postgres(const PgSection& section, const Options& options);

// Replays one statement into the catalog (tables and indexes created, dropped, renamed; NOT NULL proofs).
void record_postgres(tree::Msg statement, Catalog& catalog, Place place);

// `schema.name` for a RangeVar, without the default `public.`.
std::string table_key(tree::Msg range_var);

}  // namespace strata::lint
