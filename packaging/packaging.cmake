# The Debian package (packaging/README.md): where `cmake --install` and `cpack -G DEB` put the
# hub, and the package's metadata. Included once from the root CMakeLists.txt.

# Installing (and so cpack) takes what is built and builds nothing: without this, CMake's
# install step first builds `all`, every test and benchmark (half an hour on two cores), when
# the package needs only `lienthong` (scripts/package.sh builds it).
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY TRUE)
# Modes of what is installed do not depend on the checkout's or the user's umask.
set(CMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
set(lt_file_mode OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
set(lt_pkg "${CMAKE_BINARY_DIR}/packaging")  # files made by the install step

install(TARGETS lienthong RUNTIME DESTINATION bin)
install(DIRECTORY mappings/ DESTINATION share/lienthong/mappings FILE_PERMISSIONS ${lt_file_mode})
# The sandbox's scenario data: the default configuration runs the sandbox in-process.
install(DIRECTORY sandbox/data/ DESTINATION share/lienthong/sandbox/data
        FILE_PERMISSIONS ${lt_file_mode})
# The admin console's static files, once core/admin/console/ exists.
install(DIRECTORY core/admin/console/ DESTINATION share/lienthong/console OPTIONAL
        FILE_PERMISSIONS ${lt_file_mode})
# The postinst makes each host's development PKI with it (no key is shipped).
install(PROGRAMS certs/gen-dev-pki.sh DESTINATION share/lienthong)
# Debian 12's systemd reads units from /lib/systemd/system (usr-merged or not).
install(FILES packaging/lienthong.service DESTINATION /lib/systemd/system
        PERMISSIONS ${lt_file_mode})

# /etc/lienthong from config/, paths moved to the installed folders, made at install time from
# the sources of that moment (packaging/installed_config.cmake), and the conffiles list of it.
install(CODE "
  execute_process(COMMAND \"${CMAKE_COMMAND}\" -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
                          -DOUT_DIR=${lt_pkg} \"-DDATA_DIR=\${CMAKE_INSTALL_PREFIX}/share/lienthong\"
                          -P ${PROJECT_SOURCE_DIR}/packaging/installed_config.cmake
                  COMMAND_ERROR_IS_FATAL ANY)")
install(DIRECTORY ${lt_pkg}/etc/lienthong DESTINATION /etc FILE_PERMISSIONS ${lt_file_mode})

# Documentation: Debian's copyright and changelog (a native package: changelog.gz, made here
# with the project's version), the operator's notes and the manual page.
string(TIMESTAMP lt_changelog_date "%a, %d %b %Y %H:%M:%S +0000" UTC)
file(WRITE ${lt_pkg}/changelog
     "lienthong (${PROJECT_VERSION}) unstable; urgency=medium\n\n"
     "  * Built from the lienthong repository (its git log has the changes).\n\n"
     " -- Liên Thông Hub maintainers <maintainers@users.noreply.h-seed-d92431c4.example>  "
     "${lt_changelog_date}\n")
install(CODE "
  file(REMOVE ${lt_pkg}/changelog.gz ${lt_pkg}/lienthong.1.gz)
  execute_process(COMMAND gzip -9nk ${lt_pkg}/changelog COMMAND_ERROR_IS_FATAL ANY)
  file(COPY ${PROJECT_SOURCE_DIR}/packaging/lienthong.1 DESTINATION ${lt_pkg})
  execute_process(COMMAND gzip -9n ${lt_pkg}/lienthong.1 COMMAND_ERROR_IS_FATAL ANY)")
install(FILES packaging/debian/copyright ${lt_pkg}/changelog.gz DESTINATION share/doc/lienthong
        PERMISSIONS ${lt_file_mode})
install(FILES packaging/README.md DESTINATION share/doc/lienthong RENAME README.Debian
        PERMISSIONS ${lt_file_mode})
install(FILES ${lt_pkg}/lienthong.1.gz DESTINATION share/man/man1 PERMISSIONS ${lt_file_mode})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME lienthong)
set(CPACK_PACKAGE_VENDOR "Liên Thông Hub")
set(CPACK_PACKAGE_CONTACT "Liên Thông Hub maintainers <maintainers@users.noreply.h-seed-d92431c4.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "integration hub for Vietnamese e-government")
set(CPACK_PACKAGE_DESCRIPTION "\
One hub between a province's one-stop system and the national systems that
Decree 61/2018/ND-CP requires it to reach: the national public service portal,
the population and business registries, the payment platform and the signing
CAs. It translates, signs and verifies, delivers reliably through a durable
queue, and keeps evidence of every exchange.
.
The package runs it as the systemd service lienthong.service, with its
configuration in /etc/lienthong and its store in /var/lib/lienthong.")
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # lienthong_<version>_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # libc, OpenSSL, SQLite, ... from the binary's needs
# adduser: the system user; openssl: the development PKI; init-system-helpers: the postinst's
# deb-systemd-helper and deb-systemd-invoke.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, openssl, init-system-helpers (>= 1.54~)")
set(CPACK_STRIP_FILES TRUE)  # a debug build's binary is packaged stripped too
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${lt_pkg}/conffiles;${PROJECT_SOURCE_DIR}/packaging/debian/postinst;${PROJECT_SOURCE_DIR}/packaging/debian/prerm;${PROJECT_SOURCE_DIR}/packaging/debian/postrm")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
include(CPack)
