# kb_options: the one place for language level, warnings and sanitizers.
# Every target links it PRIVATE; nothing is set globally.
add_library(kb_options INTERFACE)
add_library(kb::options ALIAS kb_options)
target_compile_features(kb_options INTERFACE cxx_std_20)
target_compile_options(kb_options INTERFACE
  -Wall -Wextra -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual -Wpedantic
  -Wnull-dereference -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
# GCC 12 reports -Wrestrict inside libstdc++'s inlined memcpy when a string
# literal is prepended to a std::string ("x" + std::move(s), insert at 0),
# with impossible sizes such as 9223372036854775810 bytes: a false positive
# of its middle end (GCC bug 105329, fixed in GCC 13), not in our code. Off
# for GCC 12 only, so newer compilers keep the warning.
set(kb_gcc12 "$<AND:$<CXX_COMPILER_ID:GNU>,$<VERSION_GREATER_EQUAL:$<CXX_COMPILER_VERSION>,12>,$<VERSION_LESS:$<CXX_COMPILER_VERSION>,13>>")
target_compile_options(kb_options INTERFACE $<${kb_gcc12}:-Wno-restrict>)
if(KB_WERROR)
  target_compile_options(kb_options INTERFACE -Werror)
endif()
if(KB_SANITIZE)
  target_compile_options(kb_options INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(kb_options INTERFACE -fsanitize=address,undefined)
endif()
