# Installs the build into a fresh prefix and runs the installed binary: the program, its desktop entry, icon and
# AppStream metainfo land where a desktop looks for them, and the binary runs from there (its QML module is built
# into it). Run by CTest as install_runs with -DBUILD_DIR=... -DPREFIX=...
file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE log ERROR_VARIABLE log)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "cmake --install failed (${rc}):\n${log}")
endif()
set(desktop "${PREFIX}/share/applications/org.wakeline.Wakeline.desktop")
foreach(file "${PREFIX}/bin/wakeline" "${desktop}"
             "${PREFIX}/share/icons/hicolor/scalable/apps/org.wakeline.Wakeline.svg"
             "${PREFIX}/share/metainfo/org.wakeline.Wakeline.metainfo.xml")
    if(NOT EXISTS "${file}")
        message(FATAL_ERROR "not installed: ${file}")
    endif()
endforeach()
# The entry starts the installed program and shows the installed icon.
file(READ "${desktop}" entry)
if(NOT entry MATCHES "\nExec=wakeline\n" OR NOT entry MATCHES "\nIcon=org.wakeline.Wakeline\n")
    message(FATAL_ERROR "the desktop entry does not name the installed binary and icon:\n${entry}")
endif()
# Where AppStream's validator is installed, the metainfo passes it.
find_program(APPSTREAMCLI appstreamcli)
if(APPSTREAMCLI)
    execute_process(COMMAND "${APPSTREAMCLI}" validate --no-net "${PREFIX}/share/metainfo/org.wakeline.Wakeline.metainfo.xml"
                    RESULT_VARIABLE rc OUTPUT_VARIABLE log ERROR_VARIABLE log)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "appstreamcli validate failed:\n${log}")
    endif()
endif()
execute_process(COMMAND "${PREFIX}/bin/wakeline" --scenario join --print
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out MATCHES "2000 ms  Weather report: 72")
    message(FATAL_ERROR "the installed wakeline did not run (${rc}):\n${out}${err}")
endif()
message(STATUS "installed into ${PREFIX} and ran: ${out}")
