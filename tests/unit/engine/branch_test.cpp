// A database bound to a branch label only ever receives revisions of that label's lineage.
#include <gtest/gtest.h>

#include "engine_fixture.hpp"
#include "strata/core/error.hpp"
#include "strata/engine/migrate.hpp"
#include "strata/engine/status.hpp"
#include "support/expect_error.hpp"

namespace strata::engine::testing {
namespace {

using ::strata::testing::expect_error;

const std::string k_root = "0000000000aa";
const std::string k_auth1 = "a00000000001";
const std::string k_auth2 = "a00000000002";
const std::string k_spec1 = "b00000000001";

class BranchTest : public EngineTest {
protected:
  void set_up() override {
    EngineTest::set_up();
    write({k_root, {}, "CREATE TABLE root (id integer);\n", "DROP TABLE root;\n"});
    write({k_auth1, {k_root}, "CREATE TABLE users (id integer);\n", "DROP TABLE users;\n", false, "auth"});
    write({k_auth2, {k_auth1}, "CREATE TABLE tokens (id integer);\n", "DROP TABLE tokens;\n"});
    write({k_spec1, {k_root}, "CREATE TABLE projects (id integer);\n", "DROP TABLE projects;\n", false, "specs"});
  }

  SelectedDatabase bound() const {
    auto selected = database();
    selected.branch = "auth";
    return selected;
  }

  MigrateReport upgrade(std::string target = "") {
    SilentProgress progress;
    return migrate(repository(), bound(), settings(), MigrateRequest{graph::Direction::up, std::move(target)},
                   progress);
  }
};

TEST_P(BranchTest, DefaultTargetIsTheLabelsHead) {
  const auto report = upgrade();
  EXPECT_EQ(report.target, "auth@head");
  EXPECT_EQ(report.heads_after, std::vector<std::string>{k_auth2});
  EXPECT_EQ(tables(), (std::vector<std::string>{"root", "tokens", "users"}));
  const auto status = read_status(repository(), bound(), settings());
  EXPECT_EQ(status.expected_heads, std::vector<std::string>{k_auth2});
  EXPECT_TRUE(status.pending.empty());
  EXPECT_TRUE(status.up_to_date());
}

TEST_P(BranchTest, HeadsMeansTheLabelsHeads) {
  EXPECT_EQ(upgrade("heads").target, "auth@heads");
  EXPECT_EQ(tables(), (std::vector<std::string>{"root", "tokens", "users"}));
}

TEST_P(BranchTest, ARevisionOutsideTheLineageIsRefused) {
  expect_error<UsageError>(
      [&] { upgrade(k_spec1); }, ErrorCode::outside_branch,
      "target '" + k_spec1 + "' would apply " + k_spec1 + " (migrations/" + k_spec1 +
          "_m.sql), which is not in the lineage of branch 'auth' that database 'test' is bound to; nothing "
          "was changed");
  EXPECT_EQ(tables(), std::vector<std::string>{});
}

TEST_P(BranchTest, UnknownLabelIsAConfigError) {
  auto selected = database();
  selected.branch = "billing";
  SilentProgress progress;
  expect_error<ConfigError>(
      [&] { migrate(repository(), selected, settings(), MigrateRequest{}, progress); }, ErrorCode::unknown_branch,
      "database 'test' is bound to branch 'billing', but no revision declares that branch label (add "
      "`-- branch-labels: billing` to the branch's first revision, or fix branch = \"...\" in strata.toml)");
}

INSTANTIATE_TEST_SUITE_P(Engines, BranchTest, ::testing::Values(Backend::sqlite, Backend::postgres), backend_name);

}  // namespace
}  // namespace strata::engine::testing
