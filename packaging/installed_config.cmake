# Makes the package's /etc/lienthong from the repository's config/ (cmake -P, run by the install
# step, so the installed configuration is never a second hand-kept copy):
#   cmake -DSOURCE_DIR=<repo> -DOUT_DIR=<dir> -DDATA_DIR=/usr/share/lienthong -P installed_config.cmake
# The hub resolves a relative path against the folder of the file that names it
# (core/config/hub_config.cpp), so every quoted "../…" path is resolved to the repository folder
# it names and moved to where the package puts that folder. A path into a folder with no rule
# below stops the packaging: add a rule rather than ship a path that points nowhere.
# Writes OUT_DIR/etc/lienthong/... and OUT_DIR/conffiles (the files dpkg keeps local edits of).
cmake_minimum_required(VERSION 3.25)

foreach(var SOURCE_DIR OUT_DIR DATA_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "installed_config.cmake: -D${var}=... is required")
  endif()
endforeach()

# Repository folder → installed location. Development keys are not shipped: the package's
# postinst makes a per-host development PKI in /etc/lienthong/certs/dev (packaging/README.md).
set(rules
  "var|/var/lib/lienthong"
  "mappings|${DATA_DIR}/mappings"
  "sandbox/data|${DATA_DIR}/sandbox/data"
  "core/admin/console|${DATA_DIR}/console"
  "certs/dev|/etc/lienthong/certs/dev")

set(etc "${OUT_DIR}/etc/lienthong")
file(REMOVE_RECURSE "${etc}")
file(GLOB_RECURSE sources RELATIVE "${SOURCE_DIR}/config" "${SOURCE_DIR}/config/*.json")
list(SORT sources)
set(conffiles "")
foreach(rel IN LISTS sources)
  file(READ "${SOURCE_DIR}/config/${rel}" text)
  cmake_path(GET rel PARENT_PATH rel_dir)
  cmake_path(SET folder "config")  # the file's folder, relative to the repository
  cmake_path(APPEND folder "${rel_dir}")
  string(REGEX MATCHALL "\"(\\.\\./)+[^\"]*\"" quoted "${text}")
  list(REMOVE_DUPLICATES quoted)
  foreach(q IN LISTS quoted)
    string(REGEX REPLACE "^\"(.*)\"$" "\\1" path "${q}")
    cmake_path(APPEND folder "${path}" OUTPUT_VARIABLE target)
    cmake_path(NORMAL_PATH target)
    string(REGEX REPLACE "/$" "" target "${target}")
    if(target MATCHES "^\\.\\.")
      message(FATAL_ERROR "config/${rel}: ${path} leaves the repository")
    endif()
    set(installed "")
    foreach(rule IN LISTS rules)
      string(REPLACE "|" ";" pair "${rule}")
      list(GET pair 0 from)
      list(GET pair 1 to)
      if(target STREQUAL from)
        set(installed "${to}")
      elseif(target MATCHES "^${from}/(.*)$")
        set(installed "${to}/${CMAKE_MATCH_1}")
      endif()
    endforeach()
    if(installed STREQUAL "")
      message(FATAL_ERROR "config/${rel}: ${path} (${target}) has no installed location; "
                          "add a rule to packaging/installed_config.cmake")
    endif()
    string(REPLACE "${q}" "\"${installed}\"" text "${text}")
  endforeach()
  string(CONCAT header
    "// Installed by the lienthong package from the repository's config/${rel}, with paths\n"
    "// moved to where the package puts them (/usr/share/doc/lienthong/README.Debian).\n")
  file(WRITE "${etc}/${rel}" "${header}${text}")
  string(APPEND conffiles "/etc/lienthong/${rel}\n")
endforeach()
# The hub's implicit console_dir is ../core/admin/console beside hub.json's folder, which is
# nothing once installed: only a console_dir written in config/hub.json is moved here.
file(READ "${etc}/hub.json" hub)
if(IS_DIRECTORY "${SOURCE_DIR}/core/admin/console" AND NOT hub MATCHES "\"console_dir\"")
  message(WARNING "config/hub.json names no admin.console_dir: the installed hub would not find "
                  "its console (${DATA_DIR}/console); write \"console_dir\": "
                  "\"../core/admin/console\" in config/hub.json")
endif()
if(conffiles STREQUAL "")
  message(FATAL_ERROR "installed_config.cmake: no configuration under ${SOURCE_DIR}/config")
endif()
file(WRITE "${OUT_DIR}/conffiles" "${conffiles}")
