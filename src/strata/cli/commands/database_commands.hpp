#pragma once
// The database commands' setup functions (declared apart from commands.hpp, which the read-only commands own).
#include "strata/cli/command_table.hpp"

namespace strata::cli::commands {

Runner setup_upgrade(CLI::App& app);
Runner setup_downgrade(CLI::App& app);
Runner setup_current(CLI::App& app);
Runner setup_status(CLI::App& app);
Runner setup_stamp(CLI::App& app);
Runner setup_rehash(CLI::App& app);
Runner setup_resolve(CLI::App& app);
Runner setup_adopt_alembic(CLI::App& app);
Runner setup_schema(CLI::App& app);
Runner setup_diff(CLI::App& app);
Runner setup_drift(CLI::App& app);
Runner setup_identify(CLI::App& app);
Runner setup_adopt(CLI::App& app);
Runner setup_test(CLI::App& app);

}  // namespace strata::cli::commands
