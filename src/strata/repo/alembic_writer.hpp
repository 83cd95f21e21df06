#pragma once
// Writing a new Alembic revision file (`merge` on an Alembic folder): the folder's own script.py.mako when plain
// substitution renders it, else a built-in copy of Alembic's default template. strata never runs the file.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "strata/repo/revision_writer.hpp"

namespace strata::repo {

// Renders `mako` with the revision's values when every `${...}` in it is one Alembic's generic template uses and it
// has no Mako control lines (`%`, `<%`); nothing otherwise.
std::optional<std::string> render_plain_mako(std::string_view mako, const NewRevision& revision);

// The built-in template (Alembic 1.8.1's generic script.py.mako), rendered.
std::string render_default_alembic(const NewRevision& revision);

// `<versions>/<id>_<slug>.py`, from `<versions>/../script.py.mako` when it renders, else the built-in template.
// Never overwrites (RepositoryError "file_exists", the path shown relative to `working_directory`).
std::filesystem::path write_alembic_revision(const std::filesystem::path& versions, const NewRevision& revision,
                                             const std::filesystem::path& working_directory);

}  // namespace strata::repo
