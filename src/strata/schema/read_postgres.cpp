// The PostgreSQL catalog reader: the full read (the reader itself is in read_postgres_reader.hpp). Every definition
// comes from the server's own deparsers (format_type, pg_get_expr, pg_get_constraintdef, pg_get_indexdef,
// pg_get_viewdef, pg_get_functiondef, pg_get_triggerdef), so two spellings of the same DDL read back the same. One
// query per object kind over all selected schemas, inside one read-only transaction so the catalog cannot change
// between them.
#include "strata/schema/catalog_path.hpp"

namespace strata::schema {

using postgres_catalog::Reader;
using postgres_catalog::with_catalog_path;

Snapshot read_postgres_snapshot(db::Connection& connection, const ReadOptions& options) {
  return with_catalog_path(connection, options, [](Reader& reader) { return reader.read(); });
}

}  // namespace strata::schema
