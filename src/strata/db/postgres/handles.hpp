#pragma once
// Move-only owners of libpq's C handles, with noexcept deleters.
#include <libpq-fe.h>

#include <memory>

namespace strata::db::postgres {

struct ConnectionFinisher {
  void operator()(PGconn* connection) const noexcept { PQfinish(connection); }
};
using ConnectionHandle = std::unique_ptr<PGconn, ConnectionFinisher>;

struct ResultClearer {
  void operator()(PGresult* result) const noexcept { PQclear(result); }
};
using ResultHandle = std::unique_ptr<PGresult, ResultClearer>;

}  // namespace strata::db::postgres
