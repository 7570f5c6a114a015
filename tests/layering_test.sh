#!/usr/bin/env bash
# The layer rule, checked on the sources and the compile commands:
#   1. no core source under src/binlake/ includes curl, libmariadb, spdlog or OS I/O headers,
#      or reads the clock or the environment (the *_test.cc files beside the code are not part
#      of the core library and may read golden files);
#   2. no compile command of a src/binlake/ file has an include path into curl, mariadb or
#      spdlog (cmake/BinlakeLayering.cmake also refuses such link dependencies at configure).
# Usage: layering_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=$1/src/binlake
build=$2
fail=0

forbidden_includes='#include <(curl/|mysql|mariadb|spdlog/|fstream|filesystem|iostream|cstdio|stdio\.h|unistd\.h|fcntl\.h|dirent\.h|sys/|netinet/|arpa/|thread>)'
if hits=$(grep -rnE "$forbidden_includes" "$src" --include='*.h' --include='*.cc' --exclude='*_test.cc'); then
  echo "layering: I/O or adapter headers included in the pure core:"; echo "$hits"; fail=1
fi
forbidden_calls='(system_clock|steady_clock|high_resolution_clock)::now|getenv\(|std::(cout|cerr)|fopen\('
if hits=$(grep -rnE "$forbidden_calls" "$src" --include='*.h' --include='*.cc' --exclude='*_test.cc'); then
  echo "layering: clock, environment or console access in the pure core:"; echo "$hits"; fail=1
fi
if hits=$(grep -rnE '#include "adapters/' "$src"); then
  echo "layering: the core includes adapter headers:"; echo "$hits"; fail=1
fi

commands=$build/compile_commands.json
if [ ! -f "$commands" ]; then
  echo "layering: $commands missing (configure with CMAKE_EXPORT_COMPILE_COMMANDS)"; exit 1
fi
core_commands=$(grep -E '"command":' "$commands" | grep -E "src/binlake/[^\"]*\.cc" || true)
if [ -z "$core_commands" ]; then
  echo "layering: no compile command for src/binlake found in $commands"; exit 1
fi
if hits=$(echo "$core_commands" | grep -oE -- '-(I|isystem) ?[^ ]*(curl|mariadb|mysql|spdlog)[^ ]*' | sort -u); then
  echo "layering: a core compile command has an include path to an I/O library:"; echo "$hits"; fail=1
fi

if [ $fail = 0 ]; then echo "layering: the core is free of I/O dependencies"; fi
exit $fail
