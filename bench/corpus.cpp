#include "corpus.hpp"

#include <cstdint>
#include <random>

#include <fmt/format.h>

namespace strata::bench {
namespace {

constexpr std::size_t k_lines = 4;
constexpr std::size_t k_merge_every = 50;

// splitmix64: well-spread 12-hex ids from an index, without a global generator.
std::string make_id(std::uint64_t index) {
  std::uint64_t z = index + 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  z ^= z >> 31;
  return fmt::format("{:012x}", z & 0xffffffffffffULL);
}

class Builder {
public:
  explicit Builder(std::size_t count) { m_revisions.reserve(count); }

  const graph::Revision& add(std::vector<std::string> revises, std::vector<std::string> depends_on = {}) {
    graph::Revision revision;
    const auto index = m_revisions.size() + 1;
    revision.id = make_id(index);
    revision.revises = std::move(revises);
    revision.depends_on = std::move(depends_on);
    revision.message = fmt::format("create table t {:05}", index);
    revision.path = fmt::format("versions/{}_create_table_t_{:05}.py", revision.id, index);
    revision.line = 9;
    m_revisions.push_back(std::move(revision));
    return m_revisions.back();
  }

  std::size_t size() const { return m_revisions.size(); }
  const graph::Revision& back() const { return m_revisions.back(); }
  const graph::Revision& at(std::size_t index) const { return m_revisions[index]; }
  std::vector<graph::Revision> take() { return std::move(m_revisions); }

private:
  std::vector<graph::Revision> m_revisions;
};

void grow_branchy(Builder& builder, std::size_t count) {
  std::string fork = builder.back().id;
  while (builder.size() < count) {
    std::vector<std::string> tips(k_lines);
    for (std::size_t grown = 0; grown + 1 < k_merge_every && builder.size() + 1 < count; ++grown) {
      auto& tip = tips[grown % k_lines];
      tip = builder.add({tip.empty() ? fork : tip}).id;
    }
    std::vector<std::string> open;
    for (auto& tip : tips) {
      if (!tip.empty()) open.push_back(std::move(tip));
    }
    if (open.empty()) open.push_back(fork);
    fork = builder.add(std::move(open)).id;
  }
}

}  // namespace

std::vector<graph::Revision> make_revisions(Shape shape, std::size_t count) {
  Builder builder(count);
  if (count == 0) return builder.take();
  builder.add({});
  std::mt19937_64 random(20260101);
  switch (shape) {
    case Shape::linear:
      while (builder.size() < count) builder.add({builder.back().id});
      break;
    case Shape::branchy: grow_branchy(builder, count); break;
    case Shape::depends:
      while (builder.size() < count) {
        std::vector<std::string> older;
        if (builder.size() >= 2) {
          std::uniform_int_distribution<std::size_t> pick(0, builder.size() - 2);
          older.push_back(builder.at(pick(random)).id);
        }
        builder.add({builder.back().id}, std::move(older));
      }
      break;
  }
  return builder.take();
}

namespace {

std::string table_sql(std::size_t index) {
  return fmt::format(
      "CREATE TABLE t_{:05} (\n    id integer PRIMARY KEY,\n    name text NOT NULL,\n"
      "    created_at timestamp DEFAULT CURRENT_TIMESTAMP\n)",
      index);
}

std::string python_ids(const std::vector<std::string>& ids) {
  if (ids.empty()) return "None";
  if (ids.size() == 1) return fmt::format("'{}'", ids[0]);
  std::string out = "(";
  for (std::size_t i = 0; i < ids.size(); ++i) out += fmt::format("{}'{}'", i ? ", " : "", ids[i]);
  return out + ")";
}

}  // namespace

std::vector<std::string> native_texts(const std::vector<graph::Revision>& revisions) {
  std::vector<std::string> texts;
  texts.reserve(revisions.size());
  for (std::size_t i = 0; i < revisions.size(); ++i) {
    const auto& revision = revisions[i];
    std::string text = fmt::format("-- revision: {}\n", revision.id);
    if (!revision.revises.empty()) text += fmt::format("-- revises: {}\n", fmt::join(revision.revises, ", "));
    if (!revision.depends_on.empty()) {
      text += fmt::format("-- depends-on: {}\n", fmt::join(revision.depends_on, ", "));
    }
    text += fmt::format("-- message: {}\n-- created: 2026-01-01T00:00:00Z\n\n", revision.message);
    text += fmt::format("-- +up\n{};\n\n-- +down\nDROP TABLE t_{:05};\n", table_sql(i + 1), i + 1);
    texts.push_back(std::move(text));
  }
  return texts;
}

std::vector<std::string> alembic_texts(const std::vector<graph::Revision>& revisions) {
  std::vector<std::string> texts;
  texts.reserve(revisions.size());
  for (std::size_t i = 0; i < revisions.size(); ++i) {
    const auto& revision = revisions[i];
    texts.push_back(fmt::format(
        "\"\"\"{}\n\nRevision ID: {}\nRevises: {}\nCreate Date: 2026-01-01 00:00:00.000000\n\n\"\"\"\n"
        "from alembic import op\nimport sqlalchemy as sa\n\n\n"
        "# revision identifiers, used by Alembic.\nrevision = '{}'\ndown_revision = {}\nbranch_labels = None\n"
        "depends_on = {}\n\n\ndef upgrade() -> None:\n    op.execute(\"\"\"\n{}\n\"\"\")\n\n\n"
        "def downgrade() -> None:\n    op.execute(\"DROP TABLE t_{:05}\")\n",
        revision.message, revision.id, fmt::join(revision.revises, ", "), revision.id, python_ids(revision.revises),
        python_ids(revision.depends_on), table_sql(i + 1), i + 1));
  }
  return texts;
}

}  // namespace strata::bench
