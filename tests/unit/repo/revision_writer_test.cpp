#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "strata/core/error.hpp"
#include "strata/repo/project_init.hpp"
#include "strata/repo/revision_writer.hpp"
#include "migration_texts.hpp"
#include "support/temp_dir.hpp"
#include "support/expect_error.hpp"

namespace strata::repo {
namespace {

using ::strata::testing::expect_error;

using TempTree = ::strata::testing::TempDir;
using Strings = std::vector<std::string>;

using ::strata::testing::read_file;

NewRevision merge_revision() {
  NewRevision revision;
  revision.id = "5f3c2a1b9e04";
  revision.revises = {"d21f6f58c952", "aa11bb22cc33"};
  revision.branch_labels = {"auth"};
  revision.depends_on = {"0c1d2e3f4a5b", "specs"};
  revision.message = "Merge heads: auth & specs";
  revision.created = "2026-01-12T16:30:00Z";
  return revision;
}

TEST(RevisionWriter, RendersTheNativeFormat) {
  EXPECT_EQ(render_native_migration(merge_revision()),
            "-- revision: 5f3c2a1b9e04\n"
            "-- revises: d21f6f58c952, aa11bb22cc33\n"
            "-- message: Merge heads: auth & specs\n"
            "-- created: 2026-01-12T16:30:00Z\n"
            "-- branch-labels: auth\n"
            "-- depends-on: 0c1d2e3f4a5b, specs\n"
            "\n"
            "-- +up\n"
            "-- Write the SQL that applies this revision here.\n"
            "\n"
            "-- +down\n"
            "-- Write the SQL that undoes the up section here. If there is nothing to undo, make the first line of\n"
            "-- this section `-- strata: no-op` (a down section without statements is otherwise refused).\n");
}

TEST(RevisionWriter, BaseRevisionWithSqlAndNoTransaction) {
  NewRevision revision;
  revision.id = "a1";
  revision.message = "two\nlines";
  revision.transaction = TransactionMode::none;
  revision.replaces = {"r1", "r2"};
  revision.up_sql = "CREATE INDEX CONCURRENTLY i ON t (c);";
  revision.down_sql = "DROP INDEX CONCURRENTLY i;\n";
  EXPECT_EQ(render_native_migration(revision),
            "-- revision: a1\n"
            "-- revises:\n"
            "-- message: two lines\n"
            "-- replaces: r1, r2\n"
            "-- transaction: none\n"
            "\n"
            "-- +up\n"
            "CREATE INDEX CONCURRENTLY i ON t (c);\n"
            "\n"
            "-- +down\n"
            "DROP INDEX CONCURRENTLY i;\n");
}

TEST(RevisionWriter, RoundTripsThroughTheParser) {
  TempTree tree;
  tree.mkdir("migrations");
  const auto revision = merge_revision();
  const auto path = write_revision(tree.path() / "migrations", Layout::native, revision, tree.path());
  EXPECT_EQ(path, tree.path() / "migrations" / "5f3c2a1b9e04_merge_heads_auth_specs.sql");
  const auto file = parse_native_migration(read_file(path), "x.sql");
  EXPECT_EQ(file.revision.id, revision.id);
  EXPECT_EQ(file.revision.revises, revision.revises);
  EXPECT_EQ(file.revision.branch_labels, revision.branch_labels);
  EXPECT_EQ(file.revision.depends_on, revision.depends_on);
  EXPECT_EQ(file.revision.message, revision.message);
  EXPECT_EQ(file.created, revision.created);
  EXPECT_EQ(file.transaction, TransactionMode::per_migration);
  EXPECT_EQ(file.up.sql, "-- Write the SQL that applies this revision here.\n\n");
  ASSERT_TRUE(file.down.has_value());
  EXPECT_EQ(file.down->sql,
            "-- Write the SQL that undoes the up section here. If there is nothing to undo, make the first line of\n"
            "-- this section `-- strata: no-op` (a down section without statements is otherwise refused).\n");
  EXPECT_FALSE(file.down_no_op) << "the placeholder is not the no-op marker";
}

TEST(RevisionWriter, ANoOpDownSectionIsReadAsOne) {
  NewRevision revision;
  revision.id = "m1";
  revision.revises = {"a", "b"};
  revision.up_sql = "-- A merge revision: it joins lines of work and changes nothing itself.\n";
  revision.down_sql = std::string(k_no_op_marker) + "\n";
  const auto file = parse_native_migration(render_native_migration(revision), "m1.sql");
  ASSERT_TRUE(file.down.has_value());
  EXPECT_TRUE(file.down_no_op);
  EXPECT_TRUE(parse_native_migration("-- revision: x\n-- +up\n-- +down\n\n  -- strata: no-op  \n", "x.sql").down_no_op);
  EXPECT_FALSE(
      parse_native_migration("-- revision: x\n-- +up\n-- +down\n-- undo\n-- strata: no-op\n", "x.sql").down_no_op);
}

TEST(RevisionWriter, NeverOverwrites) {
  TempTree tree;
  tree.mkdir("migrations");
  NewRevision revision;
  revision.id = "abc";
  revision.message = "first";
  write_revision("migrations", Layout::native, revision, tree.path());
  expect_error<RepositoryError>([&] { write_revision("migrations", Layout::native, revision, tree.path()); },
                                ErrorCode::file_exists,
                                "migrations/abc_first.sql: already exists; strata never overwrites it");
}

TEST(RevisionWriter, RefusesAlembicAndMissingFolders) {
  TempTree tree;
  tree.mkdir("alembic/versions");
  NewRevision revision;
  revision.id = "abc";
  expect_error<RepositoryError>(
      [&] { write_revision("alembic/versions", Layout::alembic, revision, tree.path()); },
      ErrorCode::read_only_location,
      "alembic/versions: is an Alembic folder, which strata reads but never writes; create the revision "
      "with 'alembic revision', or give a native folder with -d");
  EXPECT_TRUE(std::filesystem::is_empty(tree.path() / "alembic/versions"));
  expect_error<RepositoryError>([&] { write_revision("nowhere", Layout::native, revision, tree.path()); },
                                ErrorCode::missing_location,
                                "nowhere: no such migrations folder; create it first (strata init)");
}

TEST(RevisionSlug, LowerCasesWordsAndCutsOnAWordBoundary) {
  EXPECT_EQ(revision_slug("Add teacher limit to organizations!"), "add_teacher_limit_to_organizations");
  EXPECT_EQ(revision_slug("  --Hello,   World--  "), "hello_world");
  EXPECT_EQ(revision_slug("ajouter l'élève"), "ajouter_l_l_ve");
  EXPECT_EQ(revision_slug(""), "");
  EXPECT_EQ(revision_slug("add a very long column name to the organizations table"),
            "add_a_very_long_column_name_to_the");
  EXPECT_EQ(revision_slug(std::string(50, 'x')), std::string(40, 'x'));
  EXPECT_EQ(revision_slug("abcd efgh", 6), "abcd");
}

TEST(RevisionFileName, IdAndSlug) {
  NewRevision revision;
  revision.id = "0123456789ab";
  EXPECT_EQ(revision_file_name(revision), "0123456789ab.sql");
  revision.message = "Add users";
  EXPECT_EQ(revision_file_name(revision), "0123456789ab_add_users.sql");
}

TEST(RevisionId, TwelveLowerCaseHexDigitsFromTheSource) {
  EXPECT_EQ(generate_revision_id([] { return 0x0123456789abcdefULL; }), "456789abcdef");
  EXPECT_EQ(generate_revision_id([] { return 0x5ULL; }), "000000000005");
  const auto random = system_random_source();
  const auto first = generate_revision_id(random);
  EXPECT_EQ(first.size(), 12u);
  EXPECT_EQ(first.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(first, generate_revision_id(random));
}

TEST(ProjectInit, CreatesConfigAndMigrationsFolder) {
  TempTree tree;
  const auto result = init_project(tree.path() / "project", tree.path());
  EXPECT_TRUE(result.created_migrations_dir);
  EXPECT_TRUE(std::filesystem::is_directory(tree.path() / "project" / "migrations"));
  EXPECT_EQ(read_file(result.config_file), default_config_text());
  EXPECT_NE(default_config_text().find("path = \"migrations\""), std::string::npos);
  EXPECT_NE(default_config_text().find("url = \"sqlite:strata.db\""), std::string::npos);
}

TEST(ProjectInit, KeepsAnExistingMigrationsFolder) {
  TempTree tree;
  tree.write("migrations/1.sql", "kept");
  const auto result = init_project(tree.path(), tree.path());
  EXPECT_FALSE(result.created_migrations_dir);
  EXPECT_EQ(read_file(tree.path() / "migrations/1.sql"), "kept");
}

TEST(ProjectInit, RefusesToOverwrite) {
  TempTree tree;
  tree.write("strata.toml", "# mine\n");
  expect_error<UsageError>([&] { init_project(tree.path(), tree.path()); }, ErrorCode::already_initialized,
                           "strata.toml already exists; this project is initialised (strata init never overwrites it)");
  EXPECT_EQ(read_file(tree.path() / "strata.toml"), "# mine\n");
  EXPECT_FALSE(std::filesystem::exists(tree.path() / "migrations"));
}

TEST(ProjectInit, RefusesAMigrationsFile) {
  TempTree tree;
  tree.write("migrations", "a file");
  expect_error<RepositoryError>([&] { init_project(tree.path(), tree.path()); }, ErrorCode::file_exists,
                                "migrations: exists and is not a folder; move it away and run strata init again");
  EXPECT_FALSE(std::filesystem::exists(tree.path() / "strata.toml"));
}

}  // namespace
}  // namespace strata::repo
