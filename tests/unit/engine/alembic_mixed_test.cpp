// A repository that still holds Alembic .py revisions: strata never executes them, but it can record them (stamp)
// and run the native SQL revisions written on top — the gradual switch.
#include <gtest/gtest.h>

#include <fstream>

#include "engine_fixture.hpp"
#include "strata/core/error.hpp"
#include "strata/engine/migrate.hpp"
#include "strata/engine/stamp.hpp"
#include "strata/engine/status.hpp"
#include "support/expect_error.hpp"

namespace strata::engine::testing {
namespace {

using ::strata::testing::expect_error;

const std::string k_alembic = "ae1027a6acf0";
const std::string k_native = "bbbb00000002";

class AlembicMixedTest : public EngineTest {
protected:
  void set_up() override {
    EngineTest::set_up();
    m_temp.write("alembic/env.py", "# marks an Alembic project\n");
    m_temp.write("alembic/versions/" + k_alembic + "_base.py",
                 "revision = \"" + k_alembic + "\"\ndown_revision = None\n\ndef upgrade():\n    pass\n");
    write({k_native, {k_alembic}, "CREATE TABLE native (id integer);\n", "DROP TABLE native;\n"});
  }

  repo::Repository mixed() const {
    repo::RepositoryOptions options;
    options.locations = {"alembic", "migrations"};
    options.working_directory = m_dir;
    return repo::Repository::load(options);
  }

  MigrateReport upgrade() {
    SilentProgress progress;
    return migrate(mixed(), database(), settings(), MigrateRequest{}, progress);
  }
};

TEST_P(AlembicMixedTest, UpgradeThroughAnAlembicRevisionIsRefusedBeforeAnything) {
  expect_error<UsageError>(
      [&] { upgrade(); }, ErrorCode::alembic_not_executable,
      "alembic/versions/" + k_alembic + "_base.py: revision " + k_alembic +
          " is an Alembic Python migration, which strata does not execute; nothing was changed\nhint: run it "
          "with `alembic upgrade`, then `strata adopt-alembic`; graph commands, status, stamp and "
          "adopt-alembic work on Alembic revisions");
  if (!is_postgres()) {
    EXPECT_FALSE(std::filesystem::exists(m_dir / "app.db")) << "a refused upgrade created the database file";
  }
  EXPECT_EQ(version_rows(), std::vector<std::string>{});
}

TEST_P(AlembicMixedTest, OnceTheAlembicPartIsRecordedTheNativeRevisionsRun) {
  stamp(mixed(), database(), settings(), {k_alembic}, false);
  const auto report = upgrade();
  EXPECT_EQ(report.executed, 1u);
  EXPECT_EQ(tables(), std::vector<std::string>{"native"});
  EXPECT_TRUE(read_status(mixed(), database(), settings()).up_to_date());
}

INSTANTIATE_TEST_SUITE_P(Engines, AlembicMixedTest, ::testing::Values(Backend::sqlite, Backend::postgres),
                         backend_name);

}  // namespace
}  // namespace strata::engine::testing
