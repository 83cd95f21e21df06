// The PostgreSQL catalog reader's queries, one per object kind (read_postgres_reader.hpp).
#include "strata/schema/read_postgres_reader.hpp"

namespace strata::schema::postgres_catalog {

void Reader::read_schemas() {
  for (const auto& row : rows_of(query("SELECT n.nspname, obj_description(n.oid, 'pg_namespace'), n.nspacl::text "
                                       "FROM pg_namespace n WHERE " +
                                       in_schemas("n") + " AND " + not_extension_member("pg_namespace", "n.oid")))) {
    SchemaObject& object = add(ObjectKind::schema, "", "", text(row[0]));
    set_optional(object, "comment", row[1]);
    set_optional(object, std::string(k_privileges), privileges(row[2]));
  }
}

void Reader::read_extensions() {
  // Extensions are read with the schema they live in: plpgsql (in pg_catalog) is in every database anyway.
  for (const auto& row :
       rows_of(query("SELECT e.extname, e.extversion, n.nspname, obj_description(e.oid, 'pg_extension') "
                     "FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE " +
                     in_schemas("n")))) {
    SchemaObject& object = add(ObjectKind::extension, "", "", text(row[0]));
    object.attributes["version"] = text(row[1]);
    object.attributes["schema"] = text(row[2]);
    set_optional(object, "comment", row[3]);
  }
}

void Reader::read_enums() {
  for (const auto& row :
       rows_of(query("SELECT n.nspname, t.typname, (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY "
                     "e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid), obj_description(t.oid, 'pg_type'), "
                     "t.typacl::text FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
                     "WHERE t.typtype = 'e' AND " +
                         in_schemas("n") + " AND " + not_extension_member("pg_type", "t.oid"),
                     Scope::types, "t.oid"))) {
    SchemaObject& object = add(ObjectKind::enum_type, text(row[0]), "", text(row[1]));
    object.attributes["values"] = text(row[2]);
    set_optional(object, "comment", row[3]);
    set_optional(object, std::string(k_privileges), privileges(row[4]));
  }
}

void Reader::read_domains() {
  for (const auto& row : rows_of(
           query("SELECT n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod), t.typnotnull, "
                 "pg_get_expr(t.typdefaultbin, 0), CASE WHEN t.typcollation <> b.typcollation THEN "
                 "(SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co JOIN "
                 "pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = t.typcollation) END, "
                 "(SELECT string_agg('CONSTRAINT ' || quote_ident(c.conname) || ' ' || pg_get_constraintdef(c.oid), "
                 "E'\\n' ORDER BY c.conname) FROM pg_constraint c WHERE c.contypid = t.oid), "
                 "obj_description(t.oid, 'pg_type'), t.typacl::text "
                 "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_type b ON b.oid = t.typbasetype "
                 "WHERE t.typtype = 'd' AND " +
                     in_schemas("n") + " AND " + not_extension_member("pg_type", "t.oid"),
                 Scope::types, "t.oid"))) {
    SchemaObject& object = add(ObjectKind::domain, text(row[0]), "", text(row[1]));
    object.attributes["type"] = text(row[2]);
    object.attributes["nullable"] = boolean(!is_true(row[3]));
    set_optional(object, "default", row[4]);
    set_optional(object, "collation", row[5]);
    set_optional(object, "constraints", row[6]);
    set_optional(object, "comment", row[7]);
    set_optional(object, std::string(k_privileges), privileges(row[8]));
  }
}

void Reader::read_composites() {
  for (const auto& row : rows_of(query(
           "SELECT n.nspname, t.typname, (SELECT string_agg(quote_ident(a.attname) || ' ' || "
           "format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attcollation <> at.typcollation THEN "
           "' COLLATE ' || (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co "
           "JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = a.attcollation) ELSE '' END, ', ' "
           "ORDER BY a.attnum) FROM pg_attribute a JOIN pg_type at ON at.oid = a.atttypid WHERE a.attrelid = "
           "t.typrelid AND a.attnum > 0 AND NOT a.attisdropped), obj_description(t.oid, 'pg_type'), "
           "t.typacl::text FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_class c ON "
           "c.oid = t.typrelid WHERE t.typtype = 'c' AND c.relkind = 'c' AND " +
               in_schemas("n") + " AND " + not_extension_member("pg_type", "t.oid"),
           Scope::types, "t.oid"))) {
    SchemaObject& object = add(ObjectKind::composite_type, text(row[0]), "", text(row[1]));
    object.attributes["attributes"] = text(row[2]);
    set_optional(object, "comment", row[3]);
    set_optional(object, std::string(k_privileges), privileges(row[4]));
  }
}

void Reader::read_tables() {
  for (const auto& row : rows_of(
           query("SELECT n.nspname, c.relname, c.relkind, c.relpersistence, c.relrowsecurity, c.relforcerowsecurity, "
                 "CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END, "
                 "CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END, "
                 "(SELECT string_agg(quote_ident(pn.nspname) || '.' || quote_ident(p.relname), ', ' ORDER BY "
                 "i.inhseqno) FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace pn ON "
                 "pn.oid = p.relnamespace WHERE i.inhrelid = c.oid), "
                 "(SELECT string_agg(pn.nspname || '.' || p.relname, E'\\n') FROM pg_inherits i JOIN pg_class p ON "
                 "p.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace WHERE i.inhrelid = c.oid), "
                 "obj_description(c.oid, 'pg_class'), c.relacl::text, array_to_string(c.reloptions, ', ') "
                 "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                 "WHERE c.relkind IN ('r', 'p') AND " +
                     in_schemas("n") + " AND " + not_extension_member("pg_class", "c.oid"),
                 Scope::relations, "c.oid"))) {
    if (excluded_table(text(row[0]), text(row[1]))) continue;
    SchemaObject& object = add(ObjectKind::table, text(row[0]), "", text(row[1]));
    object.attributes["partitioned"] = boolean(text(row[2]) == "p");
    object.attributes["unlogged"] = boolean(text(row[3]) == "u");
    object.attributes["row_security"] = boolean(is_true(row[4]));
    object.attributes["force_row_security"] = boolean(is_true(row[5]));
    set_optional(object, "partition_key", row[6]);
    set_optional(object, "partition_bound", row[7]);
    // A partition's parent, or an inheritance child's parents.
    set_optional(object, row[7] ? "partition_of" : "inherits", row[8]);
    if (row[9])
      for (const auto& parent : util::split(*row[9], '\n')) object.depends_on.push_back(parent);
    set_optional(object, "comment", row[10]);
    set_optional(object, std::string(k_privileges), privileges(row[11]));
    set_optional(object, "options", row[12]);
  }
}

void Reader::read_columns() {
  for (const auto& row :
       rows_of(query("SELECT n.nspname, c.relname, a.attname, a.attnum, format_type(a.atttypid, a.atttypmod), "
                     "a.attnotnull, pg_get_expr(d.adbin, d.adrelid), a.attgenerated, a.attidentity, "
                     "CASE WHEN a.attcollation <> t.typcollation THEN (SELECT quote_ident(cn.nspname) || '.' || "
                     "quote_ident(co.collname) FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace "
                     "WHERE co.oid = a.attcollation) END, a.attislocal, col_description(c.oid, a.attnum), "
                     "a.attacl::text, (SELECT string_agg(o.option_name || '=' || o.option_value, ', ' ORDER BY "
                     "o.option_name) FROM pg_options_to_table(a.attoptions) o) "
                     "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON "
                     "n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_attrdef d ON "
                     "d.adrelid = a.attrelid AND d.adnum = a.attnum "
                     "WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND " +
                         in_schemas("n") + " AND " + not_extension_member("pg_class", "c.oid"),
                     Scope::relations, "c.oid", " ORDER BY n.nspname, c.relname, a.attnum"))) {
    if (excluded_table(text(row[0]), text(row[1]))) continue;
    m_positions[{text(row[0]), text(row[1])}] += 1;
    SchemaObject& object = add(ObjectKind::column, text(row[0]), text(row[1]), text(row[2]));
    // Dropped columns leave gaps in attnum; the position counts live columns only.
    object.attributes[std::string(k_position)] = std::to_string(m_positions[{text(row[0]), text(row[1])}]);
    object.attributes["type"] = text(row[4]);
    object.attributes["nullable"] = boolean(!is_true(row[5]));
    if (text(row[7]) == "s") {
      object.attributes["generated"] = text(row[6]);
    } else {
      set_optional(object, "default", row[6]);
    }
    if (text(row[8]) == "a") object.attributes["identity"] = "always";
    if (text(row[8]) == "d") object.attributes["identity"] = "by default";
    set_optional(object, "collation", row[9]);
    if (!is_true(row[10])) object.attributes["inherited"] = "true";
    set_optional(object, "comment", row[11]);
    set_optional(object, std::string(k_privileges), privileges(row[12]));
    set_optional(object, "options", row[13]);
  }
}

void Reader::read_sequences() {
  for (const auto& row : rows_of(
           query("SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, "
                 "s.seqmax, s.seqcache, s.seqcycle, (SELECT tn.nspname || E'\\n' || t.relname || E'\\n' || a.attname "
                 "FROM pg_depend d JOIN pg_class t ON t.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = "
                 "t.relnamespace JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid WHERE "
                 "d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND "
                 "d.deptype = 'a' LIMIT 1), obj_description(c.oid, 'pg_class'), c.relacl::text "
                 "FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON "
                 "n.oid = c.relnamespace WHERE " +
                     in_schemas("n") + " AND " + not_extension_member("pg_class", "c.oid") +
                     // An identity column's sequence is the column's business (its identity attribute).
                     " AND NOT EXISTS (SELECT 1 FROM pg_depend i WHERE i.classid = 'pg_class'::regclass AND i.objid "
                     "= c.oid "
                     "AND i.deptype = 'i')",
                 Scope::relations, "c.oid"))) {
    std::string owner;
    if (row[9]) {
      const auto parts = util::split(*row[9], '\n');
      if (parts.size() == 3) {
        if (excluded_table(parts[0], parts[1])) continue;
        owner = parts[0] + "." + parts[1] + "." + parts[2];
      }
    }
    SchemaObject& object = add(ObjectKind::sequence, text(row[0]), "", text(row[1]));
    object.attributes["type"] = text(row[2]);
    object.attributes["start"] = text(row[3]);
    object.attributes["increment"] = text(row[4]);
    object.attributes["minimum"] = text(row[5]);
    object.attributes["maximum"] = text(row[6]);
    object.attributes["cache"] = text(row[7]);
    object.attributes["cycle"] = boolean(is_true(row[8]));
    if (!owner.empty()) object.attributes["owned_by"] = owner;
    set_optional(object, "comment", row[10]);
    set_optional(object, std::string(k_privileges), privileges(row[11]));
  }
}

void Reader::read_constraints() {
  for (const auto& row :
       rows_of(query("SELECT n.nspname, c.relname, k.conname, k.contype, pg_get_constraintdef(k.oid), "
                     "(k.conparentid <> 0 OR NOT k.conislocal), obj_description(k.oid, 'pg_constraint'), "
                     "fn.nspname || '.' || f.relname "
                     "FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON "
                     "n.oid = c.relnamespace LEFT JOIN pg_class f ON f.oid = k.confrelid LEFT JOIN pg_namespace fn ON "
                     "fn.oid = f.relnamespace WHERE k.contype IN ('p', 'u', 'c', 'f', 'x') AND " +
                         in_schemas("n") + " AND " + not_extension_member("pg_class", "c.oid"),
                     Scope::relations, "c.oid"))) {
    if (excluded_table(text(row[0]), text(row[1]))) continue;
    SchemaObject& object = add(ObjectKind::constraint, text(row[0]), text(row[1]), text(row[2]));
    const std::string& type = text(row[3]);
    object.attributes["type"] = type == "p"   ? "primary key"
                                : type == "u" ? "unique"
                                : type == "c" ? "check"
                                : type == "f" ? "foreign key"
                                              : "exclusion";
    object.attributes["definition"] = text(row[4]);
    if (is_true(row[5])) object.attributes["inherited"] = "true";
    set_optional(object, "comment", row[6]);
    if (row[7]) object.depends_on.push_back(*row[7]);
  }
}

void Reader::read_indexes() {
  for (const auto& row : rows_of(query(
           "SELECT n.nspname, t.relname, i.relname, pg_get_indexdef(i.oid), "
           "EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = i.oid), obj_description(i.oid, 'pg_class') "
           "FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
           "JOIN pg_namespace n ON n.oid = i.relnamespace WHERE " +
               in_schemas("n") + " AND " + not_extension_member("pg_class", "t.oid") +
               // A primary key, unique or exclusion constraint's index is the constraint's business.
               " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.oid AND k.conrelid = t.oid AND "
               "k.contype IN ('p', 'u', 'x'))",
           Scope::relations, "t.oid"))) {
    if (excluded_table(text(row[0]), text(row[1]))) continue;
    SchemaObject& object = add(ObjectKind::index, text(row[0]), text(row[1]), text(row[2]));
    object.attributes["definition"] = text(row[3]);
    if (is_true(row[4])) object.attributes["inherited"] = "true";
    set_optional(object, "comment", row[5]);
  }
}

void Reader::read_views() {
  for (const auto& row : rows_of(
           query("SELECT n.nspname, c.relname, c.relkind, pg_get_viewdef(c.oid), obj_description(c.oid, 'pg_class'), "
                 "c.relacl::text, array_to_string(c.reloptions, ', '), "
                 "(SELECT string_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod), ', ' "
                 "ORDER BY a.attnum) FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT "
                 "a.attisdropped) "
                 "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                 "WHERE c.relkind IN ('v', 'm') AND " +
                     in_schemas("n") + " AND " + not_extension_member("pg_class", "c.oid"),
                 Scope::relations, "c.oid"))) {
    SchemaObject& object =
        add(text(row[2]) == "m" ? ObjectKind::materialized_view : ObjectKind::view, text(row[0]), "", text(row[1]));
    object.attributes["definition"] = text(row[3]);
    set_optional(object, "comment", row[4]);
    set_optional(object, std::string(k_privileges), privileges(row[5]));
    set_optional(object, "options", row[6]);
    set_optional(object, std::string(k_output_columns), row[7]);
  }
}

// Which relations each view's query reads, so format_sql() creates them first.
void Reader::read_view_dependencies() {
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> needs;
  for (const auto& row : rows_of(
           query("SELECT DISTINCT n.nspname, v.relname, rn.nspname || '.' || r.relname FROM pg_rewrite w "
                 "JOIN pg_class v ON v.oid = w.ev_class JOIN pg_namespace n ON n.oid = v.relnamespace "
                 "JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = w.oid AND "
                 "d.refclassid = 'pg_class'::regclass JOIN pg_class r ON r.oid = d.refobjid JOIN pg_namespace rn ON "
                 "rn.oid = r.relnamespace WHERE v.relkind IN ('v', 'm') AND r.oid <> v.oid AND " +
                     in_schemas("n"),
                 Scope::relations, "v.oid")))
    needs[{text(row[0]), text(row[1])}].push_back(text(row[2]));
  for (auto& object : m_snapshot.objects) {
    if (object.kind != ObjectKind::view && object.kind != ObjectKind::materialized_view) continue;
    const auto found = needs.find({object.schema, object.name});
    if (found != needs.end()) object.depends_on = found->second;
  }
}

void Reader::read_functions() {
  for (const auto& row : rows_of(
           query("SELECT n.nspname, p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', p.prokind, "
                 "pg_get_functiondef(p.oid), obj_description(p.oid, 'pg_proc'), p.proacl::text "
                 "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                 "WHERE p.prokind IN ('f', 'p') AND " +
                     in_schemas("n") + " AND " + not_extension_member("pg_proc", "p.oid"),
                 Scope::functions, "p.oid"))) {
    SchemaObject& object =
        add(text(row[2]) == "p" ? ObjectKind::procedure : ObjectKind::function, text(row[0]), "", text(row[1]));
    object.attributes["definition"] = text(row[3]);
    set_optional(object, "comment", row[4]);
    set_optional(object, std::string(k_privileges), privileges(row[5]));
  }
}

void Reader::read_triggers() {
  for (const auto& row :
       rows_of(query("SELECT n.nspname, c.relname, g.tgname, pg_get_triggerdef(g.oid), g.tgenabled, g.tgparentid <> 0, "
                     "obj_description(g.oid, 'pg_trigger') FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN "
                     "pg_namespace n ON n.oid = c.relnamespace WHERE NOT g.tgisinternal AND " +
                         in_schemas("n") + " AND " + not_extension_member("pg_class", "c.oid"),
                     Scope::relations, "c.oid"))) {
    if (excluded_table(text(row[0]), text(row[1]))) continue;
    SchemaObject& object = add(ObjectKind::trigger, text(row[0]), text(row[1]), text(row[2]));
    object.attributes["definition"] = text(row[3]);
    const std::string& enabled = text(row[4]);
    if (enabled != "O")
      object.attributes["enabled"] = enabled == "D" ? "disabled" : enabled == "R" ? "replica" : "always";
    if (is_true(row[5])) object.attributes["inherited"] = "true";
    set_optional(object, "comment", row[6]);
  }
}

void Reader::read_policies() {
  for (const auto& row :
       rows_of(query("SELECT n.nspname, c.relname, p.polname, p.polcmd, p.polpermissive, "
                     "(SELECT string_agg(role, ', ' ORDER BY role) FROM (SELECT CASE WHEN r = 0 THEN 'PUBLIC' ELSE "
                     "quote_ident(pg_get_userbyid(r)) END AS role FROM unnest(p.polroles) r) roles), "
                     "pg_get_expr(p.polqual, p.polrelid), "
                     "pg_get_expr(p.polwithcheck, p.polrelid), obj_description(p.oid, 'pg_policy') "
                     "FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON "
                     "n.oid = c.relnamespace WHERE " +
                         in_schemas("n"),
                     Scope::relations, "c.oid"))) {
    SchemaObject& object = add(ObjectKind::policy, text(row[0]), text(row[1]), text(row[2]));
    const std::string& command = text(row[3]);
    object.attributes["command"] = command == "r"   ? "SELECT"
                                   : command == "a" ? "INSERT"
                                   : command == "w" ? "UPDATE"
                                   : command == "d" ? "DELETE"
                                                    : "ALL";
    object.attributes["permissive"] = boolean(is_true(row[4]));
    object.attributes["roles"] = text(row[5]);
    set_optional(object, "using", row[6]);
    set_optional(object, "with_check", row[7]);
    set_optional(object, "comment", row[8]);
  }
}

// One reader per object kind; each reads all objects of its kind, or those the filter lists.
void Reader::read_kinds() {
  m_snapshot.engine = db::Engine::postgres;
  // An incremental read skips the kinds it has nothing to re-read of: each query is a round trip.
  const Filter everything;
  const Filter& only = m_filter ? *m_filter : everything;
  if (only.schemas) {
    read_schemas();
    read_extensions();
  }
  if (!m_filter || m_filter->types != "{}") {
    read_enums();
    read_domains();
    read_composites();
  }
  if (!m_filter || m_filter->relations != "{}") {
    if (only.tables) {
      read_tables();
      read_columns();
      read_constraints();
    }
    if (only.tables || only.views) read_indexes();
    if (only.sequences) read_sequences();
    if (only.views) {
      read_views();
      read_view_dependencies();
    }
    if (only.triggers) read_triggers();
    if (only.policies) read_policies();
  }
  if (!m_filter || m_filter->functions != "{}") read_functions();
}

}  // namespace strata::schema::postgres_catalog
