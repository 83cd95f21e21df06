// examples/startup-check: the program refuses to start (exit 1, naming the pending revisions) until its database is
// at head, and starts (exit 0) once `strata upgrade` has run. On both engines.
#include "engine/support/e2e_project.hpp"
#include "support/run_program.hpp"

namespace strata::testing {
namespace {

namespace fs = std::filesystem;

class StartupCheck : public EngineTest {
protected:
  void set_up() override {
    EngineTest::set_up();
    m_project.write_all(users_chain());
    m_project.temp().write("strata.toml",
                           "[repository]\npath = \"migrations\"\n\n[databases.app]\nurl = \"${APP_DATABASE_URL}\"\n");
  }
  // strata itself, with the same environment as the application.
  void strata_upgrade(std::vector<std::string> args) const {
    args.insert(args.begin(), "upgrade");
    const auto result = m_project.run(args, {{"APP_DATABASE_URL", db().url()}});
    ASSERT_EQ(result.exit_code, 0) << describe(result);
  }
  RunResult start_app(const std::string& url) const {
    return run_program(STARTUP_CHECK_BIN, {},
                       {.cwd = m_project.dir(), .env = {{"APP_DATABASE_URL", url}}, .unset_env = {"DATABASE_URL"}});
  }
};

TEST_P(StartupCheck, RefusesToStartUntilTheDatabaseIsAtHead) {
  const auto before = start_app(db().url());
  EXPECT_EQ(before.exit_code, 1) << describe(before);
  for (const auto& id : {k_rev1, k_rev2, k_rev3})
    EXPECT_NE(before.err.find(id), std::string::npos) << id << " is not listed as pending\n" << describe(before);
  EXPECT_NE(before.err.find("strata upgrade"), std::string::npos) << "does not say what to do\n" << describe(before);
  EXPECT_TRUE(db().applied_revisions().empty()) << "the check changed the database";

  strata_upgrade({k_rev2});
  const auto partly = start_app(db().url());
  EXPECT_EQ(partly.exit_code, 1) << describe(partly);
  EXPECT_NE(partly.err.find(k_rev3), std::string::npos) << describe(partly);
  EXPECT_EQ(partly.err.find(k_rev1), std::string::npos) << "an applied revision listed as pending\n"
                                                        << describe(partly);

  strata_upgrade({});
  const auto after = start_app(db().url());
  EXPECT_EQ(after.exit_code, 0) << describe(after);
  EXPECT_NE(after.out.find(k_rev3), std::string::npos) << describe(after);
}

TEST_P(StartupCheck, UnreachableDatabaseIsNotAStart) {
  const auto url = is_pg() ? with_database(db().url(), db().pg_name() + "_absent")
                           : "sqlite://" + (m_project.dir() / "absent.db").string();
  const auto result = start_app(url);
  EXPECT_EQ(result.exit_code, 2) << describe(result);
  EXPECT_FALSE(result.err.empty()) << describe(result);
  if (!is_pg()) {
    EXPECT_FALSE(fs::exists(m_project.dir() / "absent.db")) << "the check created the database file";
  }
}

INSTANTIATE_TEST_SUITE_P(BothEngines, StartupCheck, k_both_engines, backend_param_name);

}  // namespace
}  // namespace strata::testing
