#include <gtest/gtest.h>

#include <string>

#include "strata/core/error.hpp"
#include "strata/repo/migration_file.hpp"
#include "strata/util/sha256.hpp"

namespace strata::repo {
namespace {

using Ids = std::vector<std::string>;

const std::string k_path = "alembic/versions/3adcc9a56557_add_users.py";

AlembicHeader read(const std::string& text, const AlembicNames& names = {}, const std::string& path = k_path) {
  return parse_alembic_header(text, path, names);
}

std::string read_error(const std::string& text, const std::string& path = k_path) {
  try {
    parse_alembic_header(text, path, {});
  } catch (const RepositoryError& error) {
    EXPECT_EQ(error.path(), path);
    return error.what();
  }
  ADD_FAILURE() << "read without error:\n" << text;
  return {};
}

// Alembic 1.8's default script.py.mako, rendered by `alembic revision -m "add users table"`.
const std::string k_alembic_18 = R"py("""add users table

Revision ID: 3adcc9a56557
Revises: 1975ea83b712
Create Date: 2023-03-01 12:00:00.123456

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3adcc9a56557'
down_revision = '1975ea83b712'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'users',
        sa.Column('id', sa.Integer, primary_key=True),
        sa.Column('name', sa.String(50), nullable=False),
    )
    revision = 'not-this-one'


def downgrade() -> None:
    op.drop_table('users')
)py";

// Alembic 1.13+: annotated names, double quotes.
const std::string k_alembic_113 = R"py("""merge heads

Revision ID: 9c1f0e2d3b4a
Revises: 27c6a30d7c24, 4fd1a2b3c4d5
Create Date: 2024-05-02 09:15:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "9c1f0e2d3b4a"
down_revision: Union[str, None] = ("27c6a30d7c24", "4fd1a2b3c4d5")
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
)py";

TEST(AlembicHeader, ReadsTheAlembic18Template) {
  const auto header = read(k_alembic_18);
  const auto& file = header.file;
  EXPECT_TRUE(header.unreadable.empty());
  EXPECT_EQ(file.kind, SourceKind::alembic_python);
  EXPECT_EQ(file.revision.id, "3adcc9a56557");
  EXPECT_EQ(file.revision.line, 13);
  EXPECT_EQ(file.revision.path, k_path);
  EXPECT_EQ(file.revision.revises, Ids{"1975ea83b712"});
  EXPECT_TRUE(file.revision.branch_labels.empty());
  EXPECT_TRUE(file.revision.depends_on.empty());
  EXPECT_EQ(file.revision.message, "add users table");
  EXPECT_EQ(file.created, "2023-03-01 12:00:00.123456");
  EXPECT_EQ(file.checksum, util::sha256_hex(k_alembic_18));
  EXPECT_TRUE(file.up.sql.empty());
  EXPECT_FALSE(file.down.has_value());
}

TEST(AlembicHeader, ReadsTheAnnotatedAlembic113Template) {
  const auto header = read(k_alembic_113);
  EXPECT_TRUE(header.unreadable.empty());
  EXPECT_EQ(header.file.revision.id, "9c1f0e2d3b4a");
  EXPECT_EQ(header.file.revision.revises, (Ids{"27c6a30d7c24", "4fd1a2b3c4d5"}));
  EXPECT_EQ(header.file.revision.message, "merge heads");
}

TEST(AlembicHeader, TheDocstringRevisesLineIsDecoration) {
  const auto header = read("\"\"\"x\n\nRevises: aaa\n\"\"\"\nrevision = 'b'\ndown_revision = None\n");
  EXPECT_TRUE(header.file.revision.revises.empty());
  EXPECT_EQ(header.file.revision.message, "x");
}

TEST(AlembicHeader, MessageIsTheStrippedFirstParagraph) {
  const auto header = read("'''\n  two line\nmessage\n\nmore'''\nrevision = 'b'\ndown_revision = None\n");
  EXPECT_EQ(header.file.revision.message, "two line\nmessage");
  EXPECT_EQ(read("revision = 'b'\ndown_revision = None\n").file.revision.message, "");
}

TEST(AlembicHeader, StringForms) {
  const auto header = read(
      "revision = r'ab\\c'\n"
      "down_revision = u\"p\" 'q'  \\\n  \"r\"\n"
      "branch_labels = (b'lab', \"\"\"tri\"\"\", 'esc\\x41\\n\\u00e9')\n"
      "depends_on = ['d\\'1']\n");
  EXPECT_TRUE(header.unreadable.empty());
  EXPECT_EQ(header.file.revision.id, "ab\\c");
  EXPECT_EQ(header.file.revision.revises, Ids{"pqr"});
  EXPECT_EQ(header.file.revision.branch_labels, (Ids{"lab", "tri", "escA\n\xc3\xa9"}));
  EXPECT_EQ(header.file.revision.depends_on, Ids{"d'1"});
}

TEST(AlembicHeader, NoneEmptyStringAndEmptyTupleMeanNoParent) {
  EXPECT_TRUE(read("revision = 'a'\ndown_revision = None\n").file.revision.revises.empty());
  EXPECT_TRUE(read("revision = 'a'\ndown_revision = ''\n").file.revision.revises.empty());
  EXPECT_TRUE(read("revision = 'a'\ndown_revision = ()\n").file.revision.revises.empty());
  EXPECT_TRUE(read("revision = 'a'\ndown_revision = []\n").file.revision.revises.empty());
}

TEST(AlembicHeader, TuplesListsParenthesesAndTrailingCommas) {
  const auto header = read(
      "revision = ('a')\n"
      "down_revision = (\n"
      "    'p1',  # first parent\n"
      "    'p2',\n"
      ")\n"
      "branch_labels = 'x',\n"
      "depends_on = 'd1', 'd2'\n");
  EXPECT_EQ(header.file.revision.id, "a");
  EXPECT_EQ(header.file.revision.revises, (Ids{"p1", "p2"}));
  EXPECT_EQ(header.file.revision.branch_labels, Ids{"x"});
  EXPECT_EQ(header.file.revision.depends_on, (Ids{"d1", "d2"}));
}

TEST(AlembicHeader, AnnotationsOfEveryShape) {
  const auto header = read(
      "revision: str = 'a'\n"
      "down_revision: Union[str, Sequence[str], None] = \"abc\"\n"
      "branch_labels: tuple[str] | None = None\n"
      "depends_on: Optional[Sequence[str]] = ('x',)\n");
  EXPECT_EQ(header.file.revision.revises, Ids{"abc"});
  EXPECT_TRUE(header.file.revision.branch_labels.empty());
  EXPECT_EQ(header.file.revision.depends_on, Ids{"x"});
}

TEST(AlembicHeader, SkipsEverythingButTopLevelAssignments) {
  const auto header = read(
      "import os\n"
      "from alembic import op  # noqa\n"
      "revision = 'a'; down_revision = None\n"
      "@decorator(revision='no')\n"
      "def upgrade():\n"
      "    revision = 'no'\n"
      "    x = '''\n"
      "revision = 'no'\n"
      "'''\n"
      "\n"
      "# revision = 'no'\n"
      "class Thing:\n"
      "    down_revision = 'no'\n"
      "if os.environ.get('X'):\n"
      "    branch_labels = ('no',)\n"
      "else: depends_on = 'no'\n"
      "x == 'no'\n"
      "counter += 1\n"
      "op.revision = 'no'\n"
      "first, second = 'no', 'no'\n");
  EXPECT_TRUE(header.unreadable.empty());
  EXPECT_EQ(header.file.revision.id, "a");
  EXPECT_TRUE(header.file.revision.revises.empty());
  EXPECT_TRUE(header.file.revision.branch_labels.empty());
  EXPECT_TRUE(header.file.revision.depends_on.empty());
}

TEST(AlembicHeader, TheLastAssignmentWins) {
  EXPECT_EQ(read("revision = 'a'\ndown_revision = None\ndown_revision = 'b'\n").file.revision.revises, Ids{"b"});
}

TEST(AlembicHeader, FollowsANameBoundOnceToALiteral) {
  const auto header = read("REV = 'abc'\nPARENT = ('p',)\nrevision = REV\ndown_revision = PARENT\n");
  EXPECT_TRUE(header.unreadable.empty());
  EXPECT_EQ(header.file.revision.id, "abc");
  EXPECT_EQ(header.file.revision.revises, Ids{"p"});
}

TEST(AlembicHeader, DoesNotFollowANameBoundTwice) {
  const auto header = read("REV = 'abc'\nREV = 'def'\nrevision = 'a'\ndown_revision = REV\n");
  ASSERT_EQ(header.unreadable.size(), 1u);
  EXPECT_EQ(header.unreadable[0].field, "down_revision");
  EXPECT_EQ(header.unreadable[0].culprit, "REV");
  EXPECT_TRUE(header.unreadable[0].culprit_is_name);
}

TEST(AlembicHeader, SubstitutesConfiguredNames) {
  const std::string text =
      "from neutron.db.migration import cli\n"
      "revision = 'a'\n"
      "down_revision = None\n"
      "branch_labels = (cli.EXPAND_BRANCH,)\n";
  const auto header = read(text, AlembicNames{{"cli.EXPAND_BRANCH", "expand"}});
  EXPECT_TRUE(header.unreadable.empty());
  EXPECT_EQ(header.file.revision.branch_labels, Ids{"expand"});
}

TEST(AlembicHeader, ReportsWhatIsNotALiteral) {
  const auto header = read(
      "revision = 'a'\n"
      "down_revision = (\n"
      "    cli.CONTRACT_BRANCH,\n"
      ")\n"
      "branch_labels = make_labels('x')\n"
      "depends_on = f'{base}1'\n");
  ASSERT_EQ(header.unreadable.size(), 3u);
  EXPECT_EQ(header.unreadable[0].field, "down_revision");
  EXPECT_EQ(header.unreadable[0].line, 2);
  EXPECT_EQ(header.unreadable[0].expression, "(cli.CONTRACT_BRANCH,)");
  EXPECT_EQ(header.unreadable[0].culprit, "cli.CONTRACT_BRANCH");
  EXPECT_TRUE(header.unreadable[0].culprit_is_name);
  EXPECT_EQ(header.unreadable[1].field, "branch_labels");
  EXPECT_EQ(header.unreadable[1].expression, "make_labels('x')");
  EXPECT_FALSE(header.unreadable[1].culprit_is_name);
  EXPECT_EQ(header.unreadable[2].field, "depends_on");
  EXPECT_EQ(header.unreadable[2].expression, "f'{base}1'");
  EXPECT_TRUE(header.file.revision.revises.empty());
  EXPECT_TRUE(header.file.revision.branch_labels.empty());
  EXPECT_TRUE(read("revision = 'a'\ndown_revision = 'a' + 'b'\n").unreadable.size() == 1);
  EXPECT_EQ(read("revision = 'a'\ndown_revision = 1\n").unreadable.at(0).expression, "1");
  EXPECT_EQ(read("revision = 'a'\ndown_revision = {'a'}\n").unreadable.at(0).expression, "{'a'}");
}

TEST(AlembicHeader, IgnoresAByteOrderMark) {
  const auto header = read("\xEF\xBB\xBF\"\"\"msg\"\"\"\nrevision = 'a'\ndown_revision = None\n");
  EXPECT_EQ(header.file.revision.id, "a");
  EXPECT_EQ(header.file.revision.message, "msg");
}

TEST(AlembicHeader, LegacyFileNameGivesTheRevision) {
  const auto header = read("down_revision = None\n", {}, "versions/4fd1a2b3.py");
  EXPECT_EQ(header.file.revision.id, "4fd1a2b3");
}

TEST(AlembicHeaderErrors, MissingRevision) {
  EXPECT_EQ(read_error("down_revision = None\n"),
            "alembic/versions/3adcc9a56557_add_users.py: no module-level 'revision = \"<id>\"' assignment, and the "
            "file name is not '<hex id>.py'; add the revision id");
}

TEST(AlembicHeaderErrors, MissingDownRevision) {
  EXPECT_EQ(read_error("revision = 'a'\n"),
            "alembic/versions/3adcc9a56557_add_users.py: no module-level 'down_revision' assignment (Alembic fails "
            "on such a file); write 'down_revision = None' for a base revision");
}

TEST(AlembicHeaderErrors, WrongTypes) {
  EXPECT_EQ(read_error("revision = None\ndown_revision = None\n"),
            "alembic/versions/3adcc9a56557_add_users.py:1: revision must be a non-empty string, found None");
  EXPECT_EQ(read_error("revision = ('a', 'b')\ndown_revision = None\n"),
            "alembic/versions/3adcc9a56557_add_users.py:1: revision must be a non-empty string, found a tuple or "
            "list");
  EXPECT_EQ(read_error("revision = 'a'\ndown_revision = ('b', None)\n"),
            "alembic/versions/3adcc9a56557_add_users.py:2: down_revision must be None, a string, or a tuple or list "
            "of non-empty strings; an entry is None");
  EXPECT_EQ(read_error("revision = 'a'\ndown_revision = None\nbranch_labels = (('x',),)\n"),
            "alembic/versions/3adcc9a56557_add_users.py:3: branch_labels must be None, a string, or a tuple or list "
            "of non-empty strings; an entry is a nested tuple or list");
}

TEST(AlembicHeaderErrors, SyntaxTheReaderCannotFollow) {
  EXPECT_EQ(read_error("revision = 'a\ndown_revision = None\n"),
            "alembic/versions/3adcc9a56557_add_users.py:1: unterminated string");
  EXPECT_EQ(read_error("\"\"\"doc\n\nrevision = 'a'\n"),
            "alembic/versions/3adcc9a56557_add_users.py:1: unterminated triple-quoted string");
  EXPECT_EQ(read_error("revision = 'a'\ndown_revision = (\n  'b',\n"),
            "alembic/versions/3adcc9a56557_add_users.py:2: '(' is never closed");
  EXPECT_EQ(read_error("revision = 'a'\ndown_revision = ('b']\n"),
            "alembic/versions/3adcc9a56557_add_users.py:2: ']' does not close '(' opened on line 2");
  EXPECT_EQ(read_error("revision = 'a')\n"), "alembic/versions/3adcc9a56557_add_users.py:1: unmatched ')'");
}

}  // namespace
}  // namespace strata::repo
