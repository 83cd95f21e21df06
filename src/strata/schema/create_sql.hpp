#pragma once
// The CREATE text of one object, exactly as format_sql() writes it: the schema script and the migrations the DDL
// generator writes (ddl.hpp) share it, so an object is spelled the same way in both.
#include <string>
#include <string_view>

#include "strata/schema/model.hpp"

namespace strata::schema {

// The statement(s) that create `object` in `snapshot`, each ending in ";\n". A table comes with its columns (and on
// SQLite its constraints); `as_name` creates a table under another name (SQLite's table rebuild). A PostgreSQL
// constraint is an `ALTER TABLE ... ADD CONSTRAINT`; a trigger comes with its enabled state. Comments are not
// included (comment_statement()).
std::string create_statement(const Snapshot& snapshot, const SchemaObject& object, std::string_view as_name = {});

// A PostgreSQL column as it stands in CREATE TABLE and ADD COLUMN: `"name" type [COLLATE ..] [DEFAULT ..] ...`.
std::string pg_column_definition(const SchemaObject& column);

// A SQLite column as it stands in ADD COLUMN: `"name" TYPE [NOT NULL] [DEFAULT ..] [COLLATE ..] [GENERATED ..]`.
std::string sqlite_column_definition(const SchemaObject& column);

// `ALTER SEQUENCE ... OWNED BY column;` (or `OWNED BY NONE`): the owner is set once the column exists.
std::string pg_sequence_owner(const SchemaObject& sequence);

// `COMMENT ON <target> IS '...';\n` for PostgreSQL, with `IS NULL` when the object has no comment.
std::string comment_statement(const SchemaObject& object);

// PostgreSQL: what follows ALTER/DROP/COMMENT ON for the object ("TABLE "s"."t"", "FUNCTION "s"."f"(integer)").
std::string pg_object_target(const SchemaObject& object);

// `"schema"."name"` on PostgreSQL, `"name"` on SQLite.
std::string qualified_identifier(const std::string& schema, const std::string& name);

}  // namespace strata::schema
