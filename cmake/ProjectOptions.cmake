# kb_options: the one place for language level, warnings and sanitizers.
# Every target links it PRIVATE; nothing is set globally.
add_library(kb_options INTERFACE)
add_library(kb::options ALIAS kb_options)
target_compile_features(kb_options INTERFACE cxx_std_20)
target_compile_options(kb_options INTERFACE
  -Wall -Wextra -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual -Wpedantic
  -Wnull-dereference -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
if(KB_SANITIZE)
  target_compile_options(kb_options INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(kb_options INTERFACE -fsanitize=address,undefined)
endif()
