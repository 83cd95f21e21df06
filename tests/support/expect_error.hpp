#pragma once
// expect_error: "this call throws strata::Error (or the subclass asked for) with this code, and this exact message",
// returning the caught error for further checks of its fields:
//
//   const auto error = expect_error<RepositoryError>([&] { load(dir); }, ErrorCode::parse_error,
//                                                    "migrations/a.sql:3: unknown header 'revison'");
//   EXPECT_EQ(error.fields().line, 3);
//
// A call that throws nothing, or something else, is a test failure at the caller's line, and ends the test (by an
// exception gtest reports), since there is no error to check further. A wrong code or message is a failure too, and
// the error is still returned.
#include <exception>
#include <optional>
#include <source_location>
#include <string>
#include <type_traits>
#include <typeinfo>
#include <utility>

#include <gtest/gtest.h>

#include "strata/core/error.hpp"

namespace strata::testing {

// What expect_error throws to end a test whose call did not throw the expected error.
class ExpectedErrorMissing : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

template <typename ErrorType = Error, typename Call>
ErrorType expect_error(Call&& call, ErrorCode code, std::optional<std::string> message = std::nullopt,
                       std::source_location where = std::source_location::current()) {
  static_assert(std::is_base_of_v<Error, ErrorType>, "expect_error checks strata::Error and its subclasses");
  std::string what_happened;
  try {
    std::forward<Call>(call)();
    what_happened = "nothing was thrown";
  } catch (const Error& caught) {
    const auto checked = [&](const ErrorType& error) {
      if (error.code() != code)
        ADD_FAILURE_AT(where.file_name(), static_cast<int>(where.line()))
            << "expected error code " << to_string(code) << ", got " << error.code_name() << ": " << error.what();
      if (message && *message != error.what())
        ADD_FAILURE_AT(where.file_name(), static_cast<int>(where.line()))
            << "expected the message\n  " << *message << "\ngot\n  " << error.what();
      return error;
    };
    // One handler, so expect_error<Error> (the default) has no second, unreachable one.
    if constexpr (std::is_same_v<ErrorType, Error>) {
      return checked(caught);
    } else {
      if (const auto* error = dynamic_cast<const ErrorType*>(&caught)) return checked(*error);
      what_happened = std::string("a different strata::Error subclass was thrown (") + typeid(caught).name() + ", " +
                      std::string(caught.code_name()) + "): " + caught.what();
    }
  } catch (const std::exception& caught) {
    what_happened = std::string("a non-strata exception was thrown (") + typeid(caught).name() + "): " + caught.what();
  }
  ADD_FAILURE_AT(where.file_name(), static_cast<int>(where.line()))
      << "expected " << typeid(ErrorType).name() << " with code " << to_string(code) << ", but " << what_happened;
  throw ExpectedErrorMissing("expect_error: " + what_happened);
}

}  // namespace strata::testing
