// In-place edits of one header line (native `-- revises:`, Alembic `down_revision`) and the Alembic merge file.
#include <gtest/gtest.h>

#include <string>

#include "strata/core/error.hpp"
#include "strata/repo/alembic_writer.hpp"
#include "strata/repo/native_header_edit.hpp"
#include "strata/repo/rebase.hpp"
#include "support/expect_error.hpp"

namespace strata::repo {
namespace {

using ::strata::testing::expect_error;

TEST(NativeRevises, ReplacesTheLineAndNothingElse) {
  const std::string text = "-- revision: b2\r\n-- revises: a1\r\n-- message: m\r\n\r\n-- +up\r\n-- revises: x\r\n";
  EXPECT_EQ(with_native_revises(text, "b2.sql", {"s9"}),
            "-- revision: b2\r\n-- revises: s9\r\n-- message: m\r\n\r\n-- +up\r\n-- revises: x\r\n");
  EXPECT_EQ(with_native_revises("-- revision: b2\n-- revises:\n\n-- +up\n", "b2.sql", {"p", "q"}),
            "-- revision: b2\n-- revises: p, q\n\n-- +up\n");
}

TEST(NativeRevises, AddsTheLineToABase) {
  EXPECT_EQ(with_native_revises("-- revision: b2\n-- message: m\n\n-- +up\nSELECT 1;\n", "b2.sql", {"a1"}),
            "-- revision: b2\n-- revises: a1\n-- message: m\n\n-- +up\nSELECT 1;\n");
  expect_error([] { with_native_revises("-- +up\n", "x.sql", {"a"}); }, ErrorCode::parse_error,
               "x.sql: has no '-- revision:' header line; it is not a strata migration");
}

TEST(AlembicDownRevision, ReplacesThePlainLiteralKeepingItsQuotes) {
  const std::string text =
      "\"\"\"add\n\nRevision ID: b2\nRevises: a1\n\"\"\"\nrevision = 'b2'\ndown_revision = 'a1'  # keep me\n";
  EXPECT_EQ(with_alembic_down_revision(text, "b2.py", "c3"),
            "\"\"\"add\n\nRevision ID: b2\nRevises: c3\n\"\"\"\nrevision = 'b2'\ndown_revision = 'c3'  # keep me\n");
  EXPECT_EQ(with_alembic_down_revision("down_revision: Union[str, None] = None\n", "b.py", "c3"),
            "down_revision: Union[str, None] = 'c3'\n");
  EXPECT_EQ(with_alembic_down_revision("down_revision = \"a1\"\n", "b.py", "c3"), "down_revision = \"c3\"\n");
}

TEST(AlembicDownRevision, RefusesWhatIsNotAPlainLiteral) {
  expect_error([] { with_alembic_down_revision("revision = 'b'\ndown_revision = ('a', 'c')\n", "b.py", "x"); },
               ErrorCode::not_a_plain_literal,
               "b.py:2: down_revision is `('a', 'c')`, not a plain string literal or None, so "
               "strata cannot rewrite it; edit the line by hand to revise 'x'");
  const auto error = expect_error([] { with_alembic_down_revision("down_revision = cli.PARENT\n", "b.py", "x"); },
                                  ErrorCode::not_a_plain_literal);
  EXPECT_EQ(std::string(error.what()).substr(0, 12), "b.py:1: down");
  expect_error([] { with_alembic_down_revision("revision = 'b'\n", "b.py", "x"); }, ErrorCode::not_a_plain_literal,
               "b.py: has no module-level `down_revision = ...` line to edit");
}

TEST(AlembicMerge, PlainTemplatesRenderOthersFallBack) {
  NewRevision revision;
  revision.id = "ffff00000001";
  revision.revises = {"a1", "b2"};
  revision.message = "merge";
  revision.created = "2026-12-02T01:02:03Z";
  const auto text = render_default_alembic(revision);
  EXPECT_EQ(text,
            "\"\"\"merge\n\nRevision ID: ffff00000001\nRevises: a1, b2\nCreate Date: 2026-12-02 01:02:03.000000\n\n"
            "\"\"\"\nfrom alembic import op\nimport sqlalchemy as sa\n\n\n# revision identifiers, used by Alembic.\n"
            "revision = 'ffff00000001'\ndown_revision = ('a1', 'b2')\nbranch_labels = None\ndepends_on = None\n\n\n"
            "def upgrade() -> None:\n    pass\n\n\ndef downgrade() -> None:\n    pass\n");
  EXPECT_FALSE(render_plain_mako("<%! import re %>\nrevision = ${repr(up_revision)}\n", revision));
  EXPECT_FALSE(render_plain_mako("revision = ${up_revision.upper()}\n", revision));
  EXPECT_EQ(*render_plain_mako("r = ${ repr(up_revision) }\n", revision), "r = 'ffff00000001'\n");
}

}  // namespace
}  // namespace strata::repo
