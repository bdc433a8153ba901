# Writes the bytes of IN as a C++ array so any content (quotes, `)"`) is safe.
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" hexlen)
math(EXPR len "${hexlen} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
file(WRITE "${OUT}" "// Generated from ${IN}; edit that file instead.\n#include <string_view>\nnamespace ${NS} {\nnamespace { const char data_[] = {${bytes} '\\0'}; }\nstd::string_view ${SYM}() { return {data_, ${len}}; }\n}\n")
