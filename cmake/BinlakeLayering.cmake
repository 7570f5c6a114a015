# The layer rule, checked at configure time: the pure core (binlake_core, binlake_config)
# must not link the libraries that do I/O. A stray dependency fails the configure step.
# tests/layering_test.sh checks the sources as well (no forbidden #include in src/binlake).
set(_binlake_forbidden CURL::libcurl spdlog::spdlog spdlog::spdlog_header_only mariadb
    binlake_adapters)
foreach(_target binlake_core binlake_config)
  get_target_property(_links ${_target} LINK_LIBRARIES)
  get_target_property(_ilinks ${_target} INTERFACE_LINK_LIBRARIES)
  foreach(_lib IN LISTS _links _ilinks)
    if(_lib IN_LIST _binlake_forbidden)
      message(FATAL_ERROR "layer rule: ${_target} links ${_lib}; only src/adapters may do I/O")
    endif()
  endforeach()
endforeach()
