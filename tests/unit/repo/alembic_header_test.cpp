#include <gtest/gtest.h>

#include <source_location>
#include <string>

#include "strata/core/error.hpp"
#include "strata/repo/migration_file.hpp"
#include "strata/util/sha256.hpp"
#include "support/expect_error.hpp"

namespace strata::repo {
namespace {

using ::strata::testing::expect_error;
using Ids = std::vector<std::string>;

const std::string k_alembic_path = "alembic/versions/3adcc9a56557_add_users.py";

AlembicHeader read(const std::string& text, const AlembicNames& names = {}, const std::string& path = k_alembic_path) {
  return parse_alembic_header(text, path, names);
}

// Reading the header of `text` fails with `code` and `message`, naming `path` as the file.
void expect_read_error(const std::string& text, ErrorCode code, const std::string& message,
                       const std::string& path = k_alembic_path,
                       std::source_location where = std::source_location::current()) {
  const auto error =
      expect_error<RepositoryError>([&] { (void)parse_alembic_header(text, path, {}); }, code, message, where);
  EXPECT_EQ(error.path(), path);
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
  EXPECT_EQ(file.revision.path, k_alembic_path);
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
  // Raw, unicode-prefixed, implicitly concatenated across a continuation line, triple-quoted and escaped strings
  // all read as Python reads them.
  const auto header = read(
      "revision = r'ab_c'\n"
      "down_revision = u\"p\" 'q'  \\\n  \"r\"\n"
      "branch_labels = (\"\"\"tri\"\"\", 'esc\\x41')\n"
      "depends_on = ['d\\x31']\n");
  EXPECT_TRUE(header.unreadable.empty());
  EXPECT_EQ(header.file.revision.id, "ab_c");
  EXPECT_EQ(header.file.revision.revises, Ids{"pqr"});
  EXPECT_EQ(header.file.revision.branch_labels, (Ids{"tri", "escA"}));
  EXPECT_EQ(header.file.revision.depends_on, Ids{"d1"});
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
      "    if x:\n"
      "        depends_on = 'no'\n"
      "\n"
      "# revision = 'no'\n"
      "class Thing:\n"
      "    down_revision = 'no'\n"
      "    def method(self):\n"
      "        branch_labels = 'no'\n"
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

// Only running the module tells the value of a name that changes after its binding (a real Invenio package
// computes its depends_on this way): each form is reported, with the line of the change.
TEST(AlembicHeader, ANameChangedAfterItsBindingIsNotReadable) {
  const std::string head = "revision = 'a'\ndown_revision = None\ndepends_on = []\n";
  const std::vector<std::pair<std::string, int>> changes = {
      {"depends_on += ['b']\n", 4},
      {"depends_on.append('b')\n", 4},
      {"depends_on.extend(['b'])\n", 4},
      {"depends_on[0:0] = ['b']\n", 4},
      {"if os.environ.get('X'):\n    depends_on = ['b']\n", 5},
      {"try:\n    import x\nexcept ImportError:\n    depends_on = ['b']\n", 7},
      {"for depends_on in [['b']]:\n    pass\n", 4},
      {"with open('f') as depends_on:\n    pass\n", 4},
      {"while False:\n    depends_on = ['b']\n", 5},
      {"else: depends_on = 'no'\n", 4},
      {"def f():\n    global depends_on\n    depends_on = ['b']\n", 5},
      {"del depends_on\n", 4},
      {"depends_on, other = ['b'], 1\n", 4},
      {"from somewhere import depends_on\n", 4},
      {"import depends_on\n", 4},
      {"import x as depends_on\n", 4},
      {"(depends_on := ['b'])\n", 4},
      {"def depends_on():\n    pass\n", 4},
  };
  for (const auto& [change, line] : changes) {
    const auto header = read(head + change);
    ASSERT_EQ(header.unreadable.size(), 1u) << change;
    EXPECT_EQ(header.unreadable[0].field, "depends_on") << change;
    EXPECT_EQ(header.unreadable[0].line, 3) << change;
    EXPECT_EQ(header.unreadable[0].changed_name, "depends_on") << change;
    EXPECT_EQ(header.unreadable[0].changed_line, line) << change;
  }
}

TEST(AlembicHeader, ANameAFieldRefersToMustNotChangeEither) {
  const auto header = read(
      "DEPS = ['x']\nif y:\n    DEPS.append('z')\nrevision = 'a'\ndown_revision = None\n"
      "depends_on = DEPS\n");
  ASSERT_EQ(header.unreadable.size(), 1u);
  EXPECT_EQ(header.unreadable[0].culprit, "DEPS");
  EXPECT_EQ(header.unreadable[0].changed_name, "DEPS");
  EXPECT_EQ(header.unreadable[0].changed_line, 3);
  // [alembic.names] still supplies the value.
  EXPECT_TRUE(
      read("DEPS = ['x']\nDEPS += ['y']\nrevision = 'a'\ndown_revision = DEPS\n", {{"DEPS", "x"}}).unreadable.empty());
}

TEST(AlembicHeader, AFieldBoundOnlyInsideABlockIsNotReadable) {
  const auto header = read("revision = 'a'\nif X:\n    down_revision = 'b'\nelse:\n    down_revision = None\n");
  ASSERT_EQ(header.unreadable.size(), 1u);
  EXPECT_EQ(header.unreadable[0].field, "down_revision");
  EXPECT_EQ(header.unreadable[0].line, 3);
  EXPECT_EQ(header.unreadable[0].expression, "");
}

TEST(AlembicHeader, OnlyWhatPythonReadsAsAStringIsAnId) {
  for (const std::string value :
       {"b'x'", "B'x'", "rb'x'", "'x' b'y'", "'\\x4'", "'\\u12'", "'\\U00110000'", "'\\ud800'", "'\\N{DASH}'"}) {
    const auto header = read("revision = 'a'\ndown_revision = " + value + "\n");
    ASSERT_EQ(header.unreadable.size(), 1u) << value;
    EXPECT_EQ(header.unreadable[0].expression, value);
  }
  EXPECT_EQ(read("revision = 'a'\ndown_revision = '\\x62\\u0063'\n").file.revision.revises, Ids{"bc"});
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
  expect_read_error(
      "down_revision = None\n", ErrorCode::parse_error,
      "alembic/versions/3adcc9a56557_add_users.py: no module-level 'revision = \"<id>\"' assignment, and the "
      "file name is not '<hex id>.py'; add the revision id");
}

TEST(AlembicHeaderErrors, MissingDownRevision) {
  expect_read_error(
      "revision = 'a'\n", ErrorCode::parse_error,
      "alembic/versions/3adcc9a56557_add_users.py: no module-level 'down_revision' assignment (Alembic fails "
      "on such a file); write 'down_revision = None' for a base revision");
}

TEST(AlembicHeaderErrors, WrongTypes) {
  expect_read_error("revision = None\ndown_revision = None\n", ErrorCode::parse_error,
                    "alembic/versions/3adcc9a56557_add_users.py:1: revision must be a non-empty string, found None");
  expect_read_error(
      "revision = ('a', 'b')\ndown_revision = None\n", ErrorCode::parse_error,
      "alembic/versions/3adcc9a56557_add_users.py:1: revision must be a non-empty string, found a tuple or "
      "list");
  expect_read_error(
      "revision = 'a'\ndown_revision = ('b', None)\n", ErrorCode::parse_error,
      "alembic/versions/3adcc9a56557_add_users.py:2: down_revision must be None, a string, or a tuple or list "
      "of non-empty strings; an entry is None");
  expect_read_error(
      "revision = 'a'\ndown_revision = None\nbranch_labels = (('x',),)\n", ErrorCode::parse_error,
      "alembic/versions/3adcc9a56557_add_users.py:3: branch_labels must be None, a string, or a tuple or list "
      "of non-empty strings; an entry is a nested tuple or list");
}

TEST(AlembicHeaderErrors, SyntaxTheReaderCannotFollow) {
  expect_read_error("revision = 'a\ndown_revision = None\n", ErrorCode::parse_error,
                    "alembic/versions/3adcc9a56557_add_users.py:1: unterminated string");
  expect_read_error("\"\"\"doc\n\nrevision = 'a'\n", ErrorCode::parse_error,
                    "alembic/versions/3adcc9a56557_add_users.py:1: unterminated triple-quoted string");
  expect_read_error("revision = 'a'\ndown_revision = (\n  'b',\n", ErrorCode::parse_error,
                    "alembic/versions/3adcc9a56557_add_users.py:2: '(' is never closed");
  expect_read_error("revision = 'a'\ndown_revision = ('b']\n", ErrorCode::parse_error,
                    "alembic/versions/3adcc9a56557_add_users.py:2: ']' does not close '(' opened on line 2");
  expect_read_error("revision = 'a')\n", ErrorCode::parse_error,
                    "alembic/versions/3adcc9a56557_add_users.py:1: unmatched ')'");
  expect_read_error(
      "revision = = 'x'\ndown_revision = None\n", ErrorCode::parse_error,
      "alembic/versions/3adcc9a56557_add_users.py:1: invalid Python syntax in 'revision = = 'x'': an assignment "
      "needs a name and a value on each side of '='; Python cannot import this file");
  expect_read_error(
      "revision = 'x'\ndown_revision =\n", ErrorCode::parse_error,
      "alembic/versions/3adcc9a56557_add_users.py:2: invalid Python syntax in 'down_revision =': an assignment "
      "needs a name and a value on each side of '='; Python cannot import this file");
}

TEST(AlembicHeaderErrors, CarriageReturnOnlyLineEnds) {
  expect_read_error(
      "revision = 'a'\rdown_revision = None\r", ErrorCode::parse_error,
      "alembic/versions/3adcc9a56557_add_users.py:1: the file's lines end in a carriage return alone; save it "
      "with LF (or CRLF) line ends");
}

TEST(AlembicHeaderErrors, IdsAreSafeAndPrintable) {
  expect_read_error("revision = '../evil'\ndown_revision = None\n", ErrorCode::parse_error,
                    "alembic/versions/3adcc9a56557_add_users.py:1: Character(s) '/' not allowed in revision identifier "
                    "'../evil'; a revision id uses letters, digits, '_' and '.' (not first)");
  expect_read_error("revision = 'a'\ndown_revision = '\\x1b[2J'\n", ErrorCode::parse_error,
                    "alembic/versions/3adcc9a56557_add_users.py:2: Character(s) '\\x1b, [' not allowed in revision "
                    "identifier '\\x1b[2J'; a revision id uses letters, digits, '_' and '.' (not first)");
  expect_read_error(
      "revision = 'a'\ndown_revision = None\nbranch_labels = ('x\\x00',)\n", ErrorCode::parse_error,
      "alembic/versions/3adcc9a56557_add_users.py:3: branch_labels entry 'x\\x00' holds a control character or "
      "bytes that are not UTF-8; write it in printable characters");
}

TEST(AlembicHeaderErrors, DeepNestingNeitherRecursesNorQuotesEverything) {
  const std::string deep = std::string(200000, '(') + "'a'" + std::string(200000, ')');
  const auto header = read("revision = 'a'\ndown_revision = " + deep + "\n");
  ASSERT_EQ(header.unreadable.size(), 1u);
}

}  // namespace
}  // namespace strata::repo
