# Third-party libraries, all from Debian 12 packages. Each is wrapped once as an
# imported target so that folders only ever say target_link_libraries(... kb::xapian).
find_package(PkgConfig REQUIRED)

# Xapian's CMake config sets variables only (XAPIAN_LIBRARIES, XAPIAN_INCLUDE_DIR).
find_package(Xapian REQUIRED)
if(NOT TARGET kb::xapian)
  add_library(kb_xapian INTERFACE IMPORTED GLOBAL)
  set_target_properties(kb_xapian PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${XAPIAN_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "${XAPIAN_LIBRARIES}")
  add_library(kb::xapian ALIAS kb_xapian)
endif()

pkg_check_modules(ICU REQUIRED IMPORTED_TARGET GLOBAL icu-uc icu-i18n)
add_library(kb::icu ALIAS PkgConfig::ICU)

find_package(nlohmann_json 3.11 REQUIRED)

# CLI11 (header-only) for the command lines of the kb-* programs, together with
# the house style over it (cmake/cli11/include/kb/cli11/command_line.h).
find_package(CLI11 2.1 REQUIRED CONFIG)
if(NOT TARGET kb::cli11)
  add_library(kb_cli11 INTERFACE)
  target_include_directories(kb_cli11 INTERFACE ${CMAKE_CURRENT_LIST_DIR}/cli11/include)
  target_link_libraries(kb_cli11 INTERFACE CLI11::CLI11)
  add_library(kb::cli11 ALIAS kb_cli11)
endif()
# zlib: gzip of the text assets (widget.js, site.css, curate.js). Debian's
# zlib1g-dev, which Xapian itself is built on.
find_package(ZLIB REQUIRED)

find_package(Threads REQUIRED)

pkg_check_modules(PISTACHE IMPORTED_TARGET GLOBAL libpistache)
if(TARGET PkgConfig::PISTACHE)
  add_library(kb::pistache ALIAS PkgConfig::PISTACHE)
endif()

# jemalloc replaces malloc in kb-indexer only (measured in scripts/BENCHMARKS.md).
# Not with the sanitizers: they bring their own allocator.
if(KB_USE_JEMALLOC AND NOT KB_SANITIZE)
  pkg_check_modules(JEMALLOC REQUIRED IMPORTED_TARGET GLOBAL jemalloc)
  add_library(kb::jemalloc ALIAS PkgConfig::JEMALLOC)
endif()

if(KB_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(KB_BUILD_BENCHMARKS)
  find_package(benchmark REQUIRED)
endif()

# python3 runs cmake/generate_taxonomy.py (kb::schema's tables from corpus/themes.json).
find_package(Python3 REQUIRED COMPONENTS Interpreter)
