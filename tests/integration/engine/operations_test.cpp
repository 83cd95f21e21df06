// Running strata in production, end to end on both engines: --backup with several databases ({db}) and with nothing
// to do, relative SQLite URLs in strata.toml, --lock-timeout and lock_timeout values, forward_only, and PostgreSQL
// NOTICEs in the progress output.
#include "engine/support/e2e_project.hpp"

namespace strata::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class Operations : public EngineTest {
protected:
  void set_up() override {
    EngineTest::set_up();
    m_project.write_all(users_chain());
  }
  // strata.toml naming this test's database `main` (and `second`, when given), then `extra` lines.
  void write_config(const std::string& extra, const TestDatabase* second = nullptr) {
    std::string text = extra + "[databases.main]\nurl = \"" + db().url() + "\"\n";
    if (second != nullptr) text += "[databases.second]\nurl = \"" + second->url() + "\"\n";
    m_project.temp().write("strata.toml", text);
  }
};

TEST_P(Operations, BackupOfEveryDatabaseWithThePlaceholder) {
  const auto second = another_database("second");
  write_config("", second.get());
  const auto pattern = (m_project.dir() / "backups" / "{db}.bak").string();
  fs::create_directories(m_project.dir() / "backups");
  const auto result = m_project.run({"upgrade", "--all", "--backup", pattern});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_TRUE(fs::exists(m_project.dir() / "backups" / "main.bak")) << describe(result);
  EXPECT_TRUE(fs::exists(m_project.dir() / "backups" / "second.bak")) << describe(result);
  EXPECT_EQ(db().applied_revisions(), (std::vector<std::string>{k_rev1, k_rev2, k_rev3}));
  EXPECT_EQ(second->applied_revisions(), (std::vector<std::string>{k_rev1, k_rev2, k_rev3}));

  // Nothing pending: no backup, said so, and the existing files are not in the way.
  const auto main_bytes = file_bytes(m_project.dir() / "backups" / "main.bak");
  const auto again = m_project.run({"upgrade", "--all", "--backup", pattern});
  ASSERT_EQ(again.exit_code, 0) << describe(again);
  const auto main_path = (m_project.dir() / "backups" / "main.bak").string();
  const auto second_path = (m_project.dir() / "backups" / "second.bak").string();
  EXPECT_NE(again.out.find("no backup taken (" + main_path + "): nothing to do\n"), std::string::npos)
      << describe(again);
  EXPECT_NE(again.out.find("no backup taken (" + second_path + "): nothing to do\n"), std::string::npos)
      << describe(again);
  EXPECT_EQ(file_bytes(m_project.dir() / "backups" / "main.bak"), main_bytes);
}

TEST_P(Operations, BackupOfSeveralDatabasesWithoutThePlaceholderIsRefusedUpFront) {
  const auto second = another_database("second");
  write_config("", second.get());
  const auto listing = db().schema_listing();
  const auto result = m_project.run({"upgrade", "--all", "--backup", "before.db"});
  EXPECT_EQ(result.exit_code, 2) << describe(result);
  EXPECT_EQ(result.err,
            "error: --backup before.db would be the backup file of 2 databases; put {db} in the path, which becomes "
            "each database's name; nothing was changed\nhint: strata upgrade --all --backup 'before-{db}.db'\n");
  EXPECT_EQ(db().schema_listing(), listing);
  EXPECT_TRUE(second->tables().empty());
  EXPECT_FALSE(fs::exists(m_project.dir() / "before.db"));
}

TEST_P(Operations, NoBackupWhenNothingIsPending) {
  strata_ok({"upgrade"});
  const auto backup = m_project.dir() / "before.bak";
  const auto result = strata_ok({"upgrade", "--backup", backup.string()});
  EXPECT_FALSE(fs::exists(backup));
  EXPECT_NE(result.out.find("no backup taken (" + backup.string() + "): nothing to do\n"), std::string::npos)
      << describe(result);
  const auto lines = json_lines(strata_ok({"upgrade", "--backup", backup.string(), "--json"}));
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines.front(),
            (json{{"event", "backup"}, {"path", backup.string()}, {"skipped", true}, {"reason", "nothing to do"}}));
  EXPECT_FALSE(fs::exists(backup));
}

TEST_P(Operations, LockTimeoutOnTheCommandLineMustBeASensibleNumber) {
  const auto listing = db().schema_listing();
  for (const std::string value : {"nan", "inf", "-1", "1e9", "soon", "100000", "25h", "", "1.2.3", "0x10"}) {
    const auto result = strata({"upgrade", "--lock-timeout", value});
    EXPECT_EQ(result.exit_code, 2) << value << "\n" << describe(result);
    EXPECT_EQ(result.err, "error: --lock-timeout: '" + value +
                              "' is not a lock timeout: give seconds (30, 2.5) or a duration (500ms, 2m), from 0 to "
                              "24h; run 'strata upgrade --help' for usage\n")
        << value;
  }
  EXPECT_EQ(db().schema_listing(), listing);
  for (const std::string value : {"0", "2.5", "86400", "500ms", "1m30s"})
    EXPECT_EQ(strata({"upgrade", k_rev1, "--lock-timeout", value, "--dry-run"}).exit_code, 0) << value;
}

TEST_P(Operations, LockTimeoutInStrataTomlMustBeASensibleDuration) {
  const auto listing = db().schema_listing();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"lock_timeout = nan",
       "lock_timeout must be a duration such as \"30s\", \"500ms\", \"2m\" or \"1h\" or whole "
       "seconds, not nan"},
      {"lock_timeout = -inf",
       "lock_timeout must be a duration such as \"30s\", \"500ms\", \"2m\" or \"1h\" or whole "
       "seconds, not -inf"},
      {"lock_timeout = 100000",
       "lock_timeout must be at most 24h (a longer wait for another runner is a mistake), "
       "not 100000"},
      {"lock_timeout = 9223372036854775807",
       "lock_timeout must be at most 24h (a longer wait for another runner is a "
       "mistake), not 9223372036854775807"},
      {"lock_timeout = \"25h\"",
       "lock_timeout must be at most 24h (a longer wait for another runner is a mistake), "
       "not \"25h\""},
      {"lock_timeout = -5", "lock_timeout must not be negative"},
  };
  for (const auto& [line, message] : cases) {
    write_config(line + "\n");
    const auto result = m_project.run({"upgrade"});
    EXPECT_EQ(result.exit_code, 2) << line << "\n" << describe(result);
    EXPECT_EQ(result.err, "error: strata.toml:1: " + message + "\n") << line;
  }
  EXPECT_EQ(db().schema_listing(), listing);
}

TEST_P(Operations, ForwardOnlyRefusesDowngradeUntilAllowedOnce) {
  write_config("");
  m_project.temp().write("strata.toml", read_file(m_project.dir() / "strata.toml") + "forward_only = true\n");
  ASSERT_EQ(m_project.run({"upgrade"}).exit_code, 0);
  const auto listing = db().schema_listing();
  for (const auto& extra : {std::vector<std::string>{}, std::vector<std::string>{"--sql"}}) {
    std::vector<std::string> args{"downgrade", "-1"};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto result = m_project.run(args);
    EXPECT_EQ(result.exit_code, 2) << describe(result);
    EXPECT_EQ(result.err, "error: " + db().url() +
                              ": downgrade refused: forward_only = true (strata.toml:3) applies to database 'main'; "
                              "nothing was changed\nhint: to roll back anyway, this once: strata downgrade -1 --db "
                              "main --allow-downgrade\n");
  }
  EXPECT_EQ(db().schema_listing(), listing);

  const auto allowed = m_project.run({"downgrade", "-1", "--db", "main", "--allow-downgrade"});
  ASSERT_EQ(allowed.exit_code, 0) << describe(allowed);
  EXPECT_EQ(db().applied_revisions(), (std::vector<std::string>{k_rev1, k_rev2}));
  const auto log = db().query(
      "SELECT detail FROM strata_migrations_log WHERE action = 'downgrade' AND revision IS "
      "NULL");
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(*log[0][0], "--allow-downgrade: forward_only = true (strata.toml:3) overridden for this run to -1");
  // Once: the next downgrade is refused again.
  EXPECT_EQ(m_project.run({"downgrade", "-1"}).exit_code, 2);
  EXPECT_EQ(db().applied_revisions(), (std::vector<std::string>{k_rev1, k_rev2}));
}

TEST_P(Operations, ForwardOnlyAtTheTopAppliesToEveryDatabase) {
  write_config("forward_only = true\n");
  ASSERT_EQ(m_project.run({"upgrade"}).exit_code, 0);
  const auto result = strata({"downgrade", "base"});
  EXPECT_EQ(result.exit_code, 2) << describe(result);
  EXPECT_EQ(result.err, "error: " + db().url() +
                            ": downgrade refused: forward_only = true (strata.toml:1) applies to every database; "
                            "nothing was changed\nhint: to roll back anyway, this once: strata downgrade base --url '" +
                            db().url() + "' --allow-downgrade\n");
  EXPECT_EQ(db().applied_revisions(), (std::vector<std::string>{k_rev1, k_rev2, k_rev3}));
}

TEST_P(Operations, ServerNoticesAppearWithVerboseAndInJsonSteps) {
  m_project.write({"4d5e6f700104",
                   "again",
                   {k_rev3},
                   "CREATE TABLE IF NOT EXISTS orders (id integer);\n",
                   "SELECT 1;\n",
                   {},
                   false});
  strata_ok({"upgrade", k_rev3});
  const auto lines = json_lines(strata_ok({"upgrade", "--json"}));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["event"], "step");
  const json expected = is_pg() ? json{"NOTICE: relation \"orders\" already exists, skipping"} : json::array();
  EXPECT_EQ(lines[0]["notices"], expected) << lines[0];

  strata_ok({"downgrade", k_rev3});
  const auto verbose = strata_ok({"upgrade", "-v"});
  if (is_pg())
    EXPECT_NE(verbose.out.find("\n        NOTICE: relation \"orders\" already exists, skipping\n"), std::string::npos)
        << describe(verbose);
  else EXPECT_EQ(verbose.out.find("NOTICE"), std::string::npos) << describe(verbose);
}

INSTANTIATE_TEST_SUITE_P(BothEngines, Operations, k_both_engines, backend_param_name);

// A relative SQLite path in strata.toml is relative to the strata.toml, wherever strata runs from; --url and
// $DATABASE_URL stay relative to the working directory.
TEST(RelativeSqliteUrl, ResolvesFromTheStrataTomlThatHoldsIt) {
  E2eProject project;
  project.write_all(users_chain());
  project.temp().write("strata.toml",
                       "[repository]\npath = \"migrations\"\n[databases.app]\nurl = \"sqlite:app.db\"\n");
  RunOptions in_migrations{.cwd = project.migrations(), .env = {}, .unset_env = {"DATABASE_URL"}};
  const auto result = run_strata({"upgrade"}, in_migrations);
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_TRUE(fs::exists(project.dir() / "app.db"));
  EXPECT_FALSE(fs::exists(project.migrations() / "app.db"));
  EXPECT_EQ(query_database(Backend::sqlite, (project.dir() / "app.db").string(),
                           "SELECT count(*) FROM strata_migrations")[0][0],
            std::optional<std::string>("3"));
  const auto status = run_strata({"status", "--exit-code"}, in_migrations);
  EXPECT_EQ(status.exit_code, 0) << describe(status);

  const auto local = run_strata({"upgrade", k_rev1, "--url", "sqlite:local.db"}, in_migrations);
  ASSERT_EQ(local.exit_code, 0) << describe(local);
  EXPECT_TRUE(fs::exists(project.migrations() / "local.db"));
  RunOptions with_env{.cwd = project.migrations(), .env = {{"DATABASE_URL", "sqlite:env.db"}}, .unset_env = {}};
  ASSERT_EQ(run_strata({"upgrade", k_rev1}, with_env).exit_code, 0);
  EXPECT_TRUE(fs::exists(project.migrations() / "env.db"));
}

}  // namespace
}  // namespace strata::testing
