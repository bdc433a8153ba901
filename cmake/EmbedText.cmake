# kb_embed_text(OUT_VAR NAMESPACE SYMBOL FILE): compiles a data file into the
# binary as `std::string_view NAMESPACE::SYMBOL()`, so that programs never depend
# on where they are run from. The file stays the single, editable source.
function(kb_embed_text out_var ns symbol file)
  set(src "${CMAKE_CURRENT_SOURCE_DIR}/${file}")
  set(gen "${CMAKE_CURRENT_BINARY_DIR}/embedded_${symbol}.cpp")
  add_custom_command(
    OUTPUT "${gen}"
    COMMAND ${CMAKE_COMMAND} -DIN=${src} -DOUT=${gen} -DNS=${ns} -DSYM=${symbol}
            -P "${PROJECT_SOURCE_DIR}/cmake/EmbedTextScript.cmake"
    DEPENDS "${src}" "${PROJECT_SOURCE_DIR}/cmake/EmbedTextScript.cmake"
    COMMENT "Embedding ${file}"
    VERBATIM)
  set(${out_var} "${gen}" PARENT_SCOPE)
endfunction()
