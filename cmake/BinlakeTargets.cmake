# Helpers that keep the per-folder CMakeLists short.
#
# binlake_add_test(NAME name SOURCES a_test.cc ... LIBS lib ... [LABELS unit|integration|crash|soak])
#   builds one gtest program and registers each of its test cases with ctest under the labels.
#   Default label: unit.
#   Does nothing when BINLAKE_BUILD_TESTS is OFF.
function(binlake_add_test)
  if(NOT BINLAKE_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(ARG "" "NAME" "SOURCES;LIBS;LABELS" ${ARGN})
  if(NOT ARG_LABELS)
    set(ARG_LABELS unit)
  endif()
  add_executable(${ARG_NAME} ${ARG_SOURCES})
  target_link_libraries(${ARG_NAME} PRIVATE ${ARG_LIBS} binlake_testing GTest::gmock GTest::gtest_main
                        binlake::warnings)
  gtest_discover_tests(${ARG_NAME}
    PROPERTIES LABELS "${ARG_LABELS}"
    DISCOVERY_TIMEOUT 60)
endfunction()
