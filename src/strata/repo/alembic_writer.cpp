#include "strata/repo/alembic_writer.hpp"

#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

#include "strata/repo/new_file.hpp"
#include "strata/util/strings.hpp"

namespace strata::repo {
namespace {

constexpr std::string_view k_default_template = R"MAKO("""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
Create Date: ${create_date}

"""
from alembic import op
import sqlalchemy as sa
${imports if imports else ""}

# revision identifiers, used by Alembic.
revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}
branch_labels = ${repr(branch_labels)}
depends_on = ${repr(depends_on)}


def upgrade() -> None:
    ${upgrades if upgrades else "pass"}


def downgrade() -> None:
    ${downgrades if downgrades else "pass"}
)MAKO";

std::string python_string(std::string_view text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

// Python's repr() of None, a string, or a tuple of strings, as Alembic writes them.
std::string python_repr(const std::vector<std::string>& values) {
  if (values.empty()) return "None";
  if (values.size() == 1) return python_string(values.front());
  std::string out = "(";
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + python_string(values[i]);
  return out + ")";
}

// Alembic's create_date: "2026-01-12 16:30:00.000000"; strata's created is "2026-01-12T16:30:00Z".
std::string create_date(const std::string& created) {
  std::string date = created;
  if (date.size() >= 19) {
    date = date.substr(0, 19);
    date[10] = ' ';
    date += ".000000";
  }
  return date;
}

std::string normalized(std::string_view expression) {
  std::string out;
  for (const char c : expression)
    if (c != ' ') out += c;
  return out;
}

}  // namespace

std::optional<std::string> render_plain_mako(std::string_view mako, const NewRevision& revision) {
  const std::vector<std::pair<std::string, std::string>> values{
      {"message", revision.message},
      {"up_revision", revision.id},
      {"down_revision|comma,n", util::join(revision.revises, ", ")},
      {"create_date", create_date(revision.created)},
      {"importsifimportselse\"\"", ""},
      {"repr(up_revision)", python_string(revision.id)},
      {"repr(down_revision)", python_repr(revision.revises)},
      {"repr(branch_labels)", python_repr(revision.branch_labels)},
      {"repr(depends_on)", python_repr(revision.depends_on)},
      {"upgradesifupgradeselse\"pass\"", "pass"},
      {"downgradesifdowngradeselse\"pass\"", "pass"},
  };
  for (const auto& line : util::split(mako, '\n')) {
    const auto text = util::trim(line);
    if (text.starts_with("%") || text.starts_with("<%")) return std::nullopt;
  }
  std::string out;
  std::size_t position = 0;
  while (position < mako.size()) {
    const auto open = mako.find("${", position);
    if (open == std::string_view::npos) {
      out += mako.substr(position);
      break;
    }
    out += mako.substr(position, open - position);
    const auto close = mako.find('}', open);
    if (close == std::string_view::npos) return std::nullopt;
    const auto expression = normalized(mako.substr(open + 2, close - open - 2));
    bool known = false;
    for (const auto& [name, value] : values)
      if (expression == name) {
        out += value;
        known = true;
        break;
      }
    if (!known) return std::nullopt;
    position = close + 1;
  }
  return out;
}

std::string render_default_alembic(const NewRevision& revision) {
  return *render_plain_mako(k_default_template, revision);
}

std::filesystem::path write_alembic_revision(const std::filesystem::path& versions, const NewRevision& revision,
                                             const std::filesystem::path& working_directory) {
  std::optional<std::string> text;
  std::ifstream in(versions.parent_path() / "script.py.mako", std::ios::binary);
  if (in) {
    std::ostringstream mako;
    mako << in.rdbuf();
    text = render_plain_mako(mako.str(), revision);
  }
  if (!text) text = render_default_alembic(revision);
  const auto slug = revision_slug(revision.message);
  auto path = versions / (slug.empty() ? revision.id + ".py" : revision.id + "_" + slug + ".py");
  write_new_file(path, *text, working_directory);
  return path;
}

}  // namespace strata::repo
