# kb_library(<name>
#            SOURCES <file>...
#            [PUBLIC <target>...]
#            [PRIVATE <target>...])
#
# The one way a folder declares its library:
#   - a static library kb_<name> from SOURCES (sources and generated files,
#     e.g. the output of kb_embed_text), aliased kb::<name>;
#   - ${CMAKE_CURRENT_SOURCE_DIR}/include as its PUBLIC include directory,
#     so its headers are included as "kb/<namespace>/header.h";
#   - PUBLIC links: libraries whose headers appear in this library's headers;
#     PRIVATE links: those used by its sources only;
#   - kb::options linked PRIVATE (language level, warnings, KB_WERROR,
#     sanitizers), never propagated to dependants.
# Example:
#   kb_library(search SOURCES src/searcher.cpp ${THEMES_SRC} PUBLIC kb::index PRIVATE kb::xapian)
# Executables and tests link kb::options themselves.
function(kb_library name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "SOURCES;PUBLIC;PRIVATE")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "kb_library(${name}): unexpected arguments ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT arg_SOURCES)
    message(FATAL_ERROR "kb_library(${name}): SOURCES is required")
  endif()
  add_library(kb_${name} ${arg_SOURCES})
  add_library(kb::${name} ALIAS kb_${name})
  target_include_directories(kb_${name} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include)
  target_link_libraries(kb_${name} PUBLIC ${arg_PUBLIC} PRIVATE ${arg_PRIVATE} kb::options)
endfunction()
