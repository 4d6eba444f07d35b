// Wakeline's entry point. Until the window lands (issue 5) every run is headless: with no arguments it runs the
// default scenario and prints what it printed.
#include "CommandLine.h"

#include <QGuiApplication>

#include <cstdio>

int main(int argc, char** argv)
{
    // Exports paint text, which needs a GUI application; without a display, paint offscreen.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY")
        && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName("wakeline");
    QGuiApplication::setApplicationVersion(WAKELINE_VERSION);
    const auto result = wl::runCommandLine(QGuiApplication::arguments());
    std::fputs(result.out.c_str(), stdout);
    std::fputs(result.err.c_str(), stderr);
    return result.exitCode;
}
