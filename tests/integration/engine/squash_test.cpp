// strata squash end to end on both engines: a database at every point of the replaced run (none, each prefix,
// all) upgrades to head with the originals present and after --finalize, and ends with the same schema and the
// same recorded heads as a database that never saw the squash; a partly applied run without its files is refused;
// a downgrade removes the squash as one step; alembic_version follows.
#include <algorithm>

#include "engine/support/e2e_project.hpp"

namespace strata::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string k_squash = "5a5a5a5a5a5a";
constexpr int k_length = 5;  // r..01 .. r..05; the squash replaces 02..04

std::string rid(int index) { return table_revision_id(index); }

class Squash : public EngineTest {
protected:
  void set_up() override {
    EngineTest::set_up();
    m_project.write_all(table_per_revision(k_length));
    m_squashed.write_all(table_per_revision(k_length));
    squash(m_squashed);
    m_finalized.write_all(table_per_revision(k_length));
    squash(m_finalized);
    const auto finalize = m_finalized.run({"squash", "--finalize", k_squash});
    ASSERT_EQ(finalize.exit_code, 0) << describe(finalize);
    // The reference: a database that never saw the squash, upgraded to head.
    m_reference = another_database("reference");
    run_ok(m_project, *m_reference, {"upgrade"});
  }

  static void squash(const E2eProject& project) {
    const auto result =
        project.run({"squash", rid(2) + ".." + rid(4), "-m", "tables two to four", "--rev-id", k_squash});
    ASSERT_EQ(result.exit_code, 0) << describe(result);
  }

  static RunResult run_ok(const E2eProject& project, const TestDatabase& database, std::vector<std::string> args) {
    args.push_back("--url");
    args.push_back(database.url());
    auto result = project.run(args);
    EXPECT_EQ(result.exit_code, 0) << describe(result);
    return result;
  }

  static RunResult run(const E2eProject& project, const TestDatabase& database, std::vector<std::string> args) {
    args.push_back("--url");
    args.push_back(database.url());
    return project.run(args);
  }

  RunResult strata_in(const E2eProject& project, std::vector<std::string> args) const {
    return run_ok(project, db(), std::move(args));
  }

  // A database that applied r01..r<prefix> from the project without the squash.
  std::unique_ptr<TestDatabase> database_at(int prefix, const std::string& name) const {
    auto database = another_database(name);
    if (prefix > 0) run_ok(m_project, *database, {"upgrade", rid(prefix)});
    return database;
  }

  static std::vector<std::string> heads(const E2eProject& project, const TestDatabase& database) {
    const auto document = json_document(run_ok(project, database, {"current", "--json"}));
    return document["databases"][0]["heads"].get<std::vector<std::string>>();
  }

  std::vector<std::string> all_recorded() const {
    std::vector<std::string> ids;
    for (int i = 1; i <= k_length; ++i) ids.push_back(rid(i));
    ids.push_back(k_squash);
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  E2eProject m_squashed;
  E2eProject m_finalized;
  std::unique_ptr<TestDatabase> m_reference;
};

TEST_P(Squash, WritesOneRevisionAndRepointsTheChild) {
  const auto text = file_bytes(m_squashed.migrations() / (k_squash + "_tables_two_to_four.sql"));
  EXPECT_NE(text.find("-- revision: " + k_squash + "\n-- revises: " + rid(1) + "\n"), std::string::npos) << text;
  EXPECT_NE(text.find("-- replaces: " + rid(2) + ", " + rid(3) + ", " + rid(4) + "\n"), std::string::npos) << text;
  const auto up = text.find("-- +up");
  const auto down = text.find("-- +down");
  ASSERT_NE(down, std::string::npos);
  // Up sections in order, down sections in reverse order, each after a comment naming its revision.
  EXPECT_LT(text.find("-- from " + rid(2)), text.find("CREATE TABLE t_3"));
  EXPECT_LT(up, text.find("-- from " + rid(2)));
  EXPECT_LT(text.find("CREATE TABLE t_2"), text.find("CREATE TABLE t_3"));
  EXPECT_LT(text.find("CREATE TABLE t_4"), down);
  EXPECT_LT(text.find("DROP TABLE t_4"), text.find("DROP TABLE t_3"));
  EXPECT_LT(text.find("DROP TABLE t_3"), text.find("DROP TABLE t_2"));
  const auto child = file_bytes(m_squashed.migrations() / (rid(5) + "_table_5.sql"));
  EXPECT_NE(child.find("-- revises: " + k_squash + "\n"), std::string::npos) << child;
  // One head; the replaced revisions are an alternative path, not a branch.
  const auto check = m_squashed.run({"check"});
  EXPECT_EQ(check.exit_code, 0) << describe(check);
  const auto heads = m_squashed.run({"heads"});
  EXPECT_EQ(heads.out, rid(5) + " (head)\n");
  const auto show = m_squashed.run({"show", k_squash});
  EXPECT_NE(show.out.find("Replaces: " + rid(2) + ", " + rid(3) + ", " + rid(4) + "\n"), std::string::npos) << show.out;
  // --finalize deleted exactly the replaced files.
  for (int i = 2; i <= 4; ++i)
    EXPECT_FALSE(fs::exists(m_finalized.migrations() / (rid(i) + "_table_" + std::to_string(i) + ".sql")));
  EXPECT_TRUE(fs::exists(m_finalized.migrations() / (rid(5) + "_table_5.sql")));
}

TEST_P(Squash, EveryStartingPointEndsLikeADatabaseThatNeverSawTheSquash) {
  const auto reference_schema = m_reference->schema_listing();
  for (int prefix = 0; prefix <= k_length; ++prefix) {
    for (const auto* project : {&m_squashed, &m_finalized}) {
      const bool finalized = project == &m_finalized;
      SCOPED_TRACE("prefix " + std::to_string(prefix) + (finalized ? ", finalized" : ", originals present"));
      if (finalized && prefix >= 2 && prefix <= 3) continue;  // partly applied: refused (see below)
      const auto database = database_at(prefix, "at" + std::to_string(prefix) + (finalized ? "f" : "o"));
      run_ok(*project, *database, {"upgrade"});
      EXPECT_EQ(database->schema_listing(), reference_schema);
      EXPECT_EQ(database->applied_revisions(), all_recorded());
      EXPECT_EQ(heads(*project, *database), std::vector<std::string>{rid(5)});
      // And status agrees: nothing pending.
      const auto status = run(*project, *database, {"status", "--exit-code"});
      EXPECT_EQ(status.exit_code, 0) << describe(status);
    }
  }
}

TEST_P(Squash, NoneAppliedRunsTheSquashOnceAndRecordsEveryReplacedRevision) {
  const auto result = strata_in(m_squashed, {"upgrade", "--json"});
  std::vector<std::string> steps;
  for (const auto& event : json_lines(result))
    if (event["event"] == "step") steps.push_back(event["revision"]);
  EXPECT_EQ(steps, (std::vector<std::string>{rid(1), k_squash, rid(5)}));
  EXPECT_EQ(db().applied_revisions(), all_recorded());
  const auto log = db().log_counts();
  EXPECT_EQ(log.count({"upgrade", rid(3)}), 1u);
}

TEST_P(Squash, AllAppliedRecordsTheSquashWithoutRunningIt) {
  const auto database = database_at(4, "all");
  const auto before = database->schema_listing();
  // Only the revision after the squash is pending; the squash itself counts as applied.
  const auto status = json_document(run(m_squashed, *database, {"status", "--json"}));
  EXPECT_EQ(status["databases"][0]["pending"], json{rid(5)}) << status;
  run_ok(m_squashed, *database, {"upgrade", k_squash});
  EXPECT_EQ(database->schema_listing(), before);
  EXPECT_EQ(heads(m_squashed, *database), std::vector<std::string>{k_squash});
}

TEST_P(Squash, SomeAppliedRunsExactlyTheMissingOriginals) {
  const auto database = database_at(2, "some");
  const auto result = run_ok(m_squashed, *database, {"upgrade", "--json"});
  std::vector<std::string> steps;
  for (const auto& event : json_lines(result))
    if (event["event"] == "step") steps.push_back(event["revision"]);
  EXPECT_EQ(steps, (std::vector<std::string>{rid(3), rid(4), k_squash, rid(5)}));
  EXPECT_EQ(database->applied_revisions(), all_recorded());
}

TEST_P(Squash, SomeAppliedAfterFinalizeIsRefusedNamingTheDatabase) {
  const auto database = database_at(2, "stranded");
  const auto before = database->schema_listing();
  const auto result = run(m_finalized, *database, {"upgrade"});
  EXPECT_EQ(result.exit_code, 3) << describe(result);
  const std::string tail =
      ": squash " + k_squash + " replaces " + rid(2) + ", " + rid(3) + ", " + rid(4) + "; this database applied " +
      rid(2) + " but not " + rid(3) + ", " + rid(4) +
      ", and their files were deleted, so neither they nor the squash can run; nothing was changed\nhint: restore "
      "the deleted files (`git log --diff-filter=D --name-only` shows the commit that deleted them) and upgrade "
      "again, or apply " +
      rid(3) + ", " + rid(4) + " by hand and record the squash with `strata stamp " + k_squash + "`\n";
  EXPECT_TRUE(result.err.starts_with("error: ")) << result.err;
  EXPECT_TRUE(result.err.ends_with(tail)) << result.err;
  EXPECT_NE(result.err.find(is_pg() ? "postgres" : "stranded.db"), std::string::npos) << result.err;
  EXPECT_EQ(database->schema_listing(), before);
}

TEST_P(Squash, DowngradeRemovesTheSquashAsOneStep) {
  strata_in(m_squashed, {"upgrade"});
  const auto result = strata_in(m_squashed, {"downgrade", rid(1), "--json"});
  std::vector<std::string> steps;
  for (const auto& event : json_lines(result))
    if (event["event"] == "step") steps.push_back(event["revision"]);
  EXPECT_EQ(steps, (std::vector<std::string>{rid(5), k_squash}));
  EXPECT_EQ(db().applied_revisions(), std::vector<std::string>{rid(1)});
  EXPECT_EQ(db().tables(), std::vector<std::string>{"t_1"});
}

TEST_P(Squash, DowngradeIntoTheSquashedRunIsRefusedNamingTheParent) {
  strata_in(m_squashed, {"upgrade"});
  const auto before = db().applied_revisions();
  const auto result = run(m_squashed, db(), {"downgrade", rid(3)});
  EXPECT_EQ(result.exit_code, 3) << describe(result);
  EXPECT_EQ(result.err, "error: Destination " + rid(3) + " is one of the revisions squash " + k_squash + " replaces (" +
                            rid(2) + ", " + rid(3) + ", " + rid(4) +
                            "), and a downgrade removes a squash as one step; downgrade to " + rid(1) +
                            ", the squash's parent, instead\n");
  EXPECT_EQ(db().applied_revisions(), before);
}

TEST_P(Squash, AlembicVersionHoldsTheHeadThroughTheSquash) {
  strata_in(m_squashed, {"upgrade", k_squash, "--alembic-version"});
  EXPECT_EQ(db().alembic_versions(), std::vector<std::string>{k_squash});
  strata_in(m_squashed, {"upgrade", "--alembic-version"});
  EXPECT_EQ(db().alembic_versions(), std::vector<std::string>{rid(5)});
}

INSTANTIATE_TEST_SUITE_P(BothEngines, Squash, k_both_engines, backend_param_name);

}  // namespace
}  // namespace strata::testing
