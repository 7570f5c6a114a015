# binlake::warnings: the warning set every binlake target compiles with.
# BINLAKE_WERROR turns them into errors (CI); BINLAKE_SANITIZE adds ASan + UBSan.
add_library(binlake_warnings INTERFACE)
add_library(binlake::warnings ALIAS binlake_warnings)
target_compile_options(binlake_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wconversion -Wsign-conversion
  -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
if(BINLAKE_WERROR)
  target_compile_options(binlake_warnings INTERFACE -Werror)
endif()
if(BINLAKE_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
