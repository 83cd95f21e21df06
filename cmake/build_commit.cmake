# Writes OUTPUT (a .cpp defining strata::k_build_commit) from `git rev-parse` of SOURCE_DIR. Runs on every build,
# so the commit is current without re-running CMake; the file is rewritten only when the commit changes, so an
# unchanged tree relinks nothing.
set(commit "unknown")
find_package(Git QUIET)
if(GIT_FOUND AND EXISTS "${SOURCE_DIR}/.git")
  execute_process(COMMAND "${GIT_EXECUTABLE}" -C "${SOURCE_DIR}" rev-parse --short=12 HEAD
                  OUTPUT_VARIABLE head OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE failed ERROR_QUIET)
  if(NOT failed AND head)
    set(commit "${head}")
    execute_process(COMMAND "${GIT_EXECUTABLE}" -C "${SOURCE_DIR}" diff --quiet HEAD --
                    RESULT_VARIABLE dirty ERROR_QUIET)
    if(dirty)
      string(APPEND commit "-dirty")
    endif()
  endif()
endif()
set(content "// Written by cmake/build_commit.cmake.\nnamespace strata {\nextern const char* const k_build_commit;\nconst char* const k_build_commit = \"${commit}\";\n}  // namespace strata\n")
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" existing)
endif()
if(NOT "${existing}" STREQUAL "${content}")
  file(WRITE "${OUTPUT}" "${content}")
endif()
