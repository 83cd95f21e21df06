#pragma once
// Scratch databases: throwaway databases on which strata builds the schema that migrations (or a .sql file)
// produce, for `diff`, `drift`, `identify`, `adopt` and `test`. Never one of the configured databases.
//
//   SQLite      a new file in ScratchOptions::directory, removed (with its journal) when done.
//   PostgreSQL  CREATE DATABASE strata_scratch_<pid>_<random> on the server of the given URL, from template0 so
//               that it starts empty; dropped WITH (FORCE) when done. A role without CREATEDB gets a
//               DatabaseError "scratch_not_permitted" that names --scratch-url and [scratch] url.
//   explicit    a database the user names (--scratch-url, [scratch] url): it must hold no objects when opened
//               (DatabaseError "scratch_not_empty" otherwise) and everything strata created on it is dropped when
//               done (PostgreSQL: every schema but public, every extension but plpgsql, and what public holds;
//               SQLite: every object, or the file when strata created it).
//
// "When done" is drop(), or the destructor (which never throws), so an exception — including the cancellation a
// Ctrl-C handler triggers in the CLI — cleans up on its way out.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "strata/db/connection.hpp"

namespace strata::db {

struct ScratchOptions {
  // SQLite: where the temporary file goes (the caller passes its temporary directory; the library reads no
  // environment).
  std::filesystem::path directory;
  ConnectOptions connect;
};

class ScratchDatabase {
public:
  virtual ~ScratchDatabase() = default;
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  // The scratch database's own connection, open until drop().
  virtual Connection& connection() = 0;
  // Its URL, redacted, for messages ("scratch database postgresql://app@/strata_scratch_...").
  virtual const std::string& display_name() const noexcept = 0;
  // Removes it now (or, for an explicit one, empties it), reporting failure; the destructor then does nothing.
  virtual void drop() = 0;

protected:
  ScratchDatabase() = default;
};

// A new scratch database of `near`'s engine (PostgreSQL: on `near`'s server, connecting to `near` to create and
// drop it).
std::unique_ptr<ScratchDatabase> create_scratch(const DatabaseUrl& near, const ScratchOptions& options);
// The user's own dev database, checked empty, emptied again when done.
std::unique_ptr<ScratchDatabase> open_explicit_scratch(const DatabaseUrl& url, const ScratchOptions& options);

}  // namespace strata::db
