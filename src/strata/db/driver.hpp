#pragma once
// One driver per database engine: everything strata does differently for SQLite and PostgreSQL sits behind this
// interface, chosen once from the URL's scheme (DatabaseUrl::engine()). Work that needs no connection (splitting a
// script for `--sql`, creating a scratch database) is a Driver call; work on a live database (the migration lock,
// backups) is a virtual of the Connection the driver opened, so no caller ever asks which engine it has.
#include <memory>
#include <string_view>
#include <vector>

#include "strata/db/connection.hpp"
#include "strata/db/statement.hpp"
#include "strata/db/url.hpp"

namespace strata::db {

class ScratchDatabase;
struct ScratchOptions;

class Driver {
public:
  virtual ~Driver() = default;

  virtual Engine engine() const noexcept = 0;
  // Opens a connection; see connect() in connection.hpp for the errors.
  virtual std::unique_ptr<Connection> connect(const DatabaseUrl& url, const ConnectOptions& options) const = 0;
  // The statements of a script, with this engine's own lexer; see split_statements() in statement.hpp.
  virtual std::vector<Statement> split_statements(std::string_view sql) const = 0;
  // Scratch databases of this engine (see scratch.hpp): a new one near `near`, or the user's explicit one.
  virtual std::unique_ptr<ScratchDatabase> create_scratch(const DatabaseUrl& near,
                                                          const ScratchOptions& options) const = 0;
  virtual std::unique_ptr<ScratchDatabase> open_explicit_scratch(const DatabaseUrl& url,
                                                                 const ScratchOptions& options) const = 0;

protected:
  Driver() = default;
};

// The driver of an engine; lives as long as the program.
const Driver& driver_for(Engine engine) noexcept;
inline const Driver& driver_for(const DatabaseUrl& url) noexcept { return driver_for(url.engine()); }

}  // namespace strata::db
