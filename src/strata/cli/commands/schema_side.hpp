#pragma once
// The sides of a schema comparison, as `diff FROM TO` and `revision --autogenerate --to TO` take them: a database
// URL, `revision:TARGET` (the schema the repository produces up to TARGET, built on a scratch database) or a
// `.sql` file (applied to a scratch database); and --rename OLD=NEW as DDL options.
#include <optional>
#include <string>
#include <vector>

#include "strata/cli/commands/database_options.hpp"
#include "strata/cli/context.hpp"
#include "strata/db/url.hpp"
#include "strata/engine/replay.hpp"
#include "strata/schema/ddl.hpp"
#include "strata/schema/model.hpp"

namespace strata::cli::commands {

enum class SideKind { url, revision, sql_file };

struct Side {
  SideKind kind;
  std::string text;  // as given
  std::optional<db::DatabaseUrl> url;
};

Side classify_side(const std::string& text);

// The side for messages: a URL redacted, anything else as given.
std::string shown(const Side& side);

// Where scratch databases go when a side needs one: beside a URL side, else the explicit scratch database, else
// the selected database. `command` is the command line to repeat in the hint when none of them is known
// ("diff a.sql b.sql").
db::DatabaseUrl scratch_near(Context& context, const DatabaseOptions& database, const std::vector<const Side*>& sides,
                             const engine::ScratchSettings& scratch, const std::string& command);

// A `.sql` file's text; a missing file is a UsageError "no_file".
std::string read_sql_file(Context& context, const std::string& shown_path);

// The snapshot of a side: a URL read directly, the others built on a scratch database beside `near`.
schema::Snapshot snapshot_of(Context& context, const Side& side, const db::DatabaseUrl& near,
                             const engine::ScratchSettings& scratch);

// --rename OLD=NEW, both ways: the down section renames back. `hint` is the example command of the error.
schema::DdlOptions ddl_options(const std::vector<std::string>& renames, bool down, const std::string& hint);

// {"sql", "transaction", "warnings": [{"kind", "object", "reason"}]}
Json ddl_json(const schema::Ddl& ddl);

}  // namespace strata::cli::commands
