// init, revision (alias new) and merge on temp repositories: what they write, and that a refusal writes nothing.
#include "readonly_test.hpp"

namespace strata::testing {
namespace {

namespace fs = std::filesystem;

// A temp project with `migrations/` holding a -> b, or two heads b and c when `branched`.
class Authoring : public ::testing::Test {
protected:
  void SetUp() override {
    write_native(migrations(), {.id = "aaaa00000001", .message = "create users", .branch_labels = {"core"}});
    write_native(migrations(), {.id = "bbbb00000002", .revises = {"aaaa00000001"}, .message = "add email"});
  }
  void branch() {
    write_native(migrations(), {.id = "cccc00000003", .revises = {"aaaa00000001"}, .message = "add orders"});
  }
  fs::path migrations() const { return m_dir.path() / "migrations"; }
  RunResult strata(const std::vector<std::string>& args) const { return run_strata(args, {.cwd = m_dir.path()}); }
  // Runs a command that must fail, and checks that it changed no file.
  RunResult refused(const std::vector<std::string>& args) const {
    const auto before = list_files(m_dir.path());
    auto result = strata(args);
    EXPECT_NE(result.exit_code, 0) << describe(result);
    EXPECT_EQ(list_files(m_dir.path()), before) << "a refused command wrote files";
    return result;
  }

  TempDir m_dir;
};

TEST(Init, CreatesConfigAndMigrationsFolderOnce) {
  TempDir dir;
  const auto result = run_strata({"init"}, {.cwd = dir.path()});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(result.out, "created strata.toml\ncreated migrations/\nnext: strata revision -m \"first migration\"\n");
  EXPECT_TRUE(fs::is_regular_file(dir.path() / "strata.toml"));
  EXPECT_TRUE(fs::is_directory(dir.path() / "migrations"));

  const auto first = run_strata({"revision", "-m", "first migration", "--rev-id", "0123456789ab"}, {.cwd = dir.path()});
  ASSERT_EQ(first.exit_code, 0) << describe(first);
  EXPECT_EQ(first.out, "created revision 0123456789ab: migrations/0123456789ab_first_migration.sql\n");
  const auto heads = run_strata({"heads"}, {.cwd = dir.path()});
  EXPECT_EQ(heads.out, "0123456789ab (head)\n") << describe(heads);

  const auto before = list_files(dir.path());
  const auto again = run_strata({"init"}, {.cwd = dir.path()});
  EXPECT_EQ(again.exit_code, 2) << describe(again);
  EXPECT_EQ(again.out, "");
  EXPECT_EQ(again.err,
            "error: strata.toml already exists; this project is initialised (strata init never overwrites it)\n");
  EXPECT_EQ(list_files(dir.path()), before);
}

TEST(Init, Json) {
  TempDir dir;
  const auto result = run_strata({"init", "project", "--json"}, {.cwd = dir.path()});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(json_of(result), nlohmann::json::parse(R"({"config_file": "project/strata.toml",
      "migrations_dir": "project/migrations", "created_migrations_dir": true})"));
}

TEST_F(Authoring, RevisionExtendsTheHeadWithARandomId) {
  const auto result = strata({"revision", "-m", "Add phone number!", "--json"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  const auto revision = json_of(result)["revision"];
  const auto id = revision["revision"].get<std::string>();
  EXPECT_EQ(id.size(), 12u);
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos) << id;
  EXPECT_EQ(revision["revises"], nlohmann::json{"bbbb00000002"});
  EXPECT_EQ(revision["message"], "Add phone number!");
  EXPECT_EQ(revision["path"], "migrations/" + id + "_add_phone_number.sql");
  EXPECT_TRUE(fs::is_regular_file(m_dir.path() / revision["path"].get<std::string>()));
  EXPECT_EQ(strata({"heads"}).out, id + " (core) (head)\n");
  EXPECT_EQ(strata({"check"}).exit_code, 0);
}

TEST_F(Authoring, NewIsAnAlias) {
  const auto result = strata({"new", "-m", "x", "--rev-id", "dddd00000004"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(result.out, "created revision dddd00000004: migrations/dddd00000004_x.sql\n");
}

TEST_F(Authoring, RefusesAnExistingIdBeforeWriting) {
  const auto result = refused({"revision", "-m", "again", "--rev-id", "aaaa00000001"});
  EXPECT_EQ(result.exit_code, 3);
  // Only that: no second message about a duplicate file or the graph.
  EXPECT_EQ(result.err,
            "error: revision 'aaaa00000001' already exists (migrations/aaaa00000001_rev.sql); choose another --rev-id, "
            "or leave it out for a random id\n");
}

TEST_F(Authoring, RefusesAnExistingLabelBeforeWriting) {
  const auto result = refused({"revision", "-m", "again", "--branch-label", "core", "--json"});
  EXPECT_EQ(result.exit_code, 3);
  const auto error = json_of(result)["error"];
  EXPECT_EQ(error["code"], "duplicate_label");
  EXPECT_NE(error["message"].get<std::string>().find("is already used by revision 'aaaa00000001'"), std::string::npos)
      << error;
}

TEST_F(Authoring, RefusesIllegalIdCharacters) {
  const auto result = refused({"revision", "-m", "x", "--rev-id", "abc-def"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err,
            "error: --rev-id: Character(s) '-' not allowed in revision identifier 'abc-def'; a revision id uses "
            "letters, digits, '_' and '.' (not first)\n");
}

TEST_F(Authoring, AnIdNeverWritesOutsideTheMigrationsFolder) {
  for (const std::string id : {"../evil", "/tmp/evil", "sub/evil", ".hidden", "a\x1b[31mb"}) {
    const auto result = refused({"revision", "-m", "x", "--rev-id", id});
    EXPECT_EQ(result.exit_code, 2) << id;
    EXPECT_EQ(result.err.find('\x1b'), std::string::npos) << "a raw escape reached the terminal: " << result.err;
  }
  EXPECT_EQ(refused({"revision", "-m", "x", "--rev-id", "../evil"}).err,
            "error: --rev-id: Character(s) '/' not allowed in revision identifier '../evil'; a revision id uses "
            "letters, digits, '_' and '.' (not first)\n");
  EXPECT_EQ(refused({"revision", "-m", "x", "--rev-id", "a\x1b[31mb"}).err,
            "error: --rev-id: Character(s) '\\x1b, [' not allowed in revision identifier 'a\\x1b[31mb'; a revision "
            "id uses letters, digits, '_' and '.' (not first)\n");
  branch();
  EXPECT_EQ(refused({"merge", "-m", "x", "heads", "--rev-id", "../evil"}).err,
            "error: --rev-id: Character(s) '/' not allowed in revision identifier '../evil'; a revision id uses "
            "letters, digits, '_' and '.' (not first)\n");
  EXPECT_FALSE(fs::exists(m_dir.path() / "evil.sql"));
}

TEST_F(Authoring, SeveralHeadsNeedHeadOrMerge) {
  branch();
  const auto result = refused({"revision", "-m", "x"});
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_EQ(result.err,
            "error: Multiple heads are present: 'bbbb00000002' and 'cccc00000003'; please specify the head revision on "
            "which the new revision should be based (--head bbbb00000002), or perform a merge first: strata merge -m "
            "'merge heads' heads\n");
  const auto chosen = strata({"revision", "-m", "x", "--head", "cccc", "--json"});
  ASSERT_EQ(chosen.exit_code, 0) << describe(chosen);
  EXPECT_EQ(json_of(chosen)["revision"]["revises"], nlohmann::json{"cccc00000003"});
}

TEST_F(Authoring, ParentThatIsNotAHeadNeedsSplice) {
  const auto result = refused({"revision", "-m", "x", "--head", "aaaa"});
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_EQ(result.err,
            "error: Revision aaaa00000001 is not a head revision; please specify --splice to create a new branch "
            "from this revision\n");
  const auto spliced = strata({"revision", "-m", "x", "--head", "aaaa", "--splice", "--json"});
  ASSERT_EQ(spliced.exit_code, 0) << describe(spliced);
  EXPECT_EQ(json_of(spliced)["revision"]["revises"], nlohmann::json{"aaaa00000001"});
}

TEST_F(Authoring, NewBaseAndDependencies) {
  const auto result = strata({"revision", "-m", "audit", "--head", "base", "--branch-label", "audit", "--depends-on",
                              "bbbb", "--depends-on", "core", "--json"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  const auto revision = json_of(result)["revision"];
  EXPECT_EQ(revision["revises"], nlohmann::json::array());
  EXPECT_EQ(revision["branch_labels"], nlohmann::json{"audit"});
  // A partial id is expanded; a label is kept as written.
  EXPECT_EQ(revision["depends_on"], (nlohmann::json{"bbbb00000002", "core"}));
  const auto unknown = refused({"revision", "-m", "x", "--head", "base", "--depends-on", "zzzz"});
  EXPECT_EQ(unknown.exit_code, 3);
  EXPECT_EQ(unknown.err, "error: Can't locate revision identified by 'zzzz'\n");
}

TEST_F(Authoring, TransactionNoneIsWrittenToTheHeader) {
  const auto result = strata({"revision", "-m", "index", "--transaction", "none", "--rev-id", "eeee00000005"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  const auto text = read_file(migrations() / "eeee00000005_index.sql");
  EXPECT_NE(text.find("-- transaction: none\n"), std::string::npos) << text;
}

TEST_F(Authoring, MergeHeads) {
  branch();
  const auto result = strata({"merge", "heads", "-m", "merge branches", "--rev-id", "ffff00000006"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(result.out, "created revision ffff00000006: migrations/ffff00000006_merge_branches.sql\n");
  EXPECT_EQ(strata({"heads"}).out, "ffff00000006 (core) (head)\n");
  const auto show = strata({"show", "ffff", "--json"});
  EXPECT_EQ(json_of(show)["revisions"][0]["revises"], (nlohmann::json{"bbbb00000002", "cccc00000003"}));
}

TEST_F(Authoring, MergeRefusesNonHeadsAndDuplicates) {
  branch();
  const auto not_head = refused({"merge", "aaaa", "bbbb", "-m", "x"});
  EXPECT_EQ(not_head.exit_code, 3);
  EXPECT_EQ(not_head.err, "error: Revision aaaa00000001 is not a head revision; merge takes head revisions only\n");
  const auto duplicate = refused({"merge", "bbbb", "bbbb00000002", "-m", "x"});
  EXPECT_EQ(duplicate.exit_code, 2);
  EXPECT_EQ(duplicate.err, "error: Duplicate head revisions specified: 'bbbb00000002'\n");
}

TEST(AuthoringAlembic, AlembicFoldersAreReadOnly) {
  TempDir dir;
  dir.copy_from(cli_fixtures() / "alembic", "project");
  const auto before = list_files(dir.path());
  const auto result = run_strata({"-d", "project", "revision", "-m", "x", "--head", "ae10"}, {.cwd = dir.path()});
  EXPECT_EQ(result.exit_code, 3) << describe(result);
  EXPECT_TRUE(result.err.starts_with("error: ")) << result.err;
  EXPECT_EQ(list_files(dir.path()), before);
}

}  // namespace
}  // namespace strata::testing
