# kb_embed_text(OUT_VAR NAMESPACE SYMBOL FILE [FILE...]): compiles data files
# into the binary as `std::string_view NAMESPACE::SYMBOL()`, so that programs
# never depend on where they are run from. Several files are joined in the
# given order (a script's shared helpers in front of it). The files stay the
# single, editable source.
function(kb_embed_text out_var ns symbol file)
  set(srcs "")
  foreach(f IN LISTS file ARGN)
    list(APPEND srcs "${CMAKE_CURRENT_SOURCE_DIR}/${f}")
  endforeach()
  # The script gets the list with '|' between the paths: a ';' would split
  # the -D argument.
  list(JOIN srcs "|" joined)
  set(gen "${CMAKE_CURRENT_BINARY_DIR}/embedded_${symbol}.cpp")
  add_custom_command(
    OUTPUT "${gen}"
    COMMAND ${CMAKE_COMMAND} "-DIN=${joined}" -DOUT=${gen} -DNS=${ns} -DSYM=${symbol}
            -P "${PROJECT_SOURCE_DIR}/cmake/EmbedTextScript.cmake"
    DEPENDS ${srcs} "${PROJECT_SOURCE_DIR}/cmake/EmbedTextScript.cmake"
    COMMENT "Embedding ${file} ${ARGN}"
    VERBATIM)
  set(${out_var} "${gen}" PARENT_SCOPE)
endfunction()
