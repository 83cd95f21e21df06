# Installing strata: the binary with its manual page and shell completions, the docs, and the library as one
# archive (libstrata.a) with its public headers, a CMake package (find_package(strata) -> strata::strata) and a
# pkg-config file. CPack turns the same install rules into two Debian packages: `strata` and `strata-dev`.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# One archive holding every part's objects, so that a user links one library instead of eight.
set(strata_parts strata_util strata_core strata_graph strata_config strata_repo strata_db strata_schema strata_engine)
set(strata_part_objects)
foreach(part IN LISTS strata_parts)
  list(APPEND strata_part_objects $<TARGET_OBJECTS:${part}>)
endforeach()
add_library(strata_library STATIC ${strata_part_objects})
add_library(strata::strata ALIAS strata_library)
set_target_properties(strata_library PROPERTIES OUTPUT_NAME strata EXPORT_NAME strata)
target_compile_features(strata_library INTERFACE cxx_std_20)
target_include_directories(strata_library INTERFACE $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
                                                    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/src>
                                                    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
target_link_libraries(strata_library INTERFACE fmt::fmt SQLite::SQLite3 PostgreSQL::PostgreSQL OpenSSL::Crypto
                      tomlplusplus::tomlplusplus $<BUILD_INTERFACE:${PG_QUERY_LIBRARY}>
                      $<INSTALL_INTERFACE:strata::pg_query>)

# The generated documents come from the built binary itself.
set(strata_generated ${PROJECT_BINARY_DIR}/share)
add_custom_command(
  OUTPUT ${strata_generated}/strata.1 ${strata_generated}/strata.bash ${strata_generated}/_strata
         ${strata_generated}/strata.fish
  COMMAND ${CMAKE_COMMAND} -E make_directory ${strata_generated}
  COMMAND $<TARGET_FILE:strata> man-page > ${strata_generated}/strata.1
  COMMAND $<TARGET_FILE:strata> completion bash > ${strata_generated}/strata.bash
  COMMAND $<TARGET_FILE:strata> completion zsh > ${strata_generated}/_strata
  COMMAND $<TARGET_FILE:strata> completion fish > ${strata_generated}/strata.fish
  DEPENDS strata
  COMMENT "strata: manual page and shell completions"
  VERBATIM)
add_custom_target(strata_docs ALL DEPENDS ${strata_generated}/strata.1)

install(TARGETS strata RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime)
install(FILES ${strata_generated}/strata.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT runtime)
install(FILES ${strata_generated}/strata.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME strata COMPONENT runtime)
install(FILES ${strata_generated}/_strata DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions
        COMPONENT runtime)
install(FILES ${strata_generated}/strata.fish DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d
        COMPONENT runtime)
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT runtime)
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs COMPONENT runtime FILES_MATCHING PATTERN "*.md")

install(TARGETS strata_library EXPORT strataTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev)
install(DIRECTORY include/strata DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT dev)
install(EXPORT strataTargets NAMESPACE strata:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/strata COMPONENT dev)
configure_package_config_file(cmake/strataConfig.cmake.in ${PROJECT_BINARY_DIR}/strataConfig.cmake
                              INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/strata)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/strataConfigVersion.cmake COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/strataConfig.cmake ${PROJECT_BINARY_DIR}/strataConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/strata COMPONENT dev)
configure_file(cmake/strata.pc.in ${PROJECT_BINARY_DIR}/strata.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/strata.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT dev)

# Debian packages: scripts/package runs cpack.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME strata)
set(CPACK_PACKAGE_VENDOR "the strata developers")
set(CPACK_PACKAGE_CONTACT "strata developers <strata@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "schema migrations for SQLite and PostgreSQL")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL runtime dev)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION database)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME strata)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SUGGESTS "postgresql-client")
set(CPACK_DEBIAN_DEV_PACKAGE_NAME strata-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS
    "libsqlite3-dev, libpq-dev, libpg-query-dev, libfmt-dev, libssl-dev, libtomlplusplus-dev")
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_COMPONENT_RUNTIME_DESCRIPTION "schema migration engine for SQLite and PostgreSQL: the strata command")
set(CPACK_COMPONENT_DEV_DESCRIPTION "schema migration engine for SQLite and PostgreSQL: library and headers")
include(CPack)
