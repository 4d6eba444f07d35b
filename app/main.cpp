// Wakeline's entry point. Until the window lands (issue 5) every run is headless: with no arguments it runs the
// default scenario and prints what it printed.
#include "CommandLine.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName("wakeline");
    QCoreApplication::setApplicationVersion(WAKELINE_VERSION);
    const auto result = wl::runCommandLine(QCoreApplication::arguments());
    std::fputs(result.out.c_str(), stdout);
    std::fputs(result.err.c_str(), stderr);
    return result.exitCode;
}
