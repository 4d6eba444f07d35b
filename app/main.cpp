// Wakeline's entry point. With no arguments it opens the window on the default scenario, already run; any
// argument makes it a headless command line (see --help).
#include "CommandLine.h"

#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QtQml/QQmlExtensionPlugin>

#include <cstdio>
#include <unistd.h>

Q_IMPORT_QML_PLUGIN(WakelinePlugin)

int main(int argc, char** argv)
{
    const bool headless = argc > 1;
    const bool noDisplay = qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY")
        && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
    if (!headless && noDisplay) {
        std::fputs("wakeline: no display to open the window on (DISPLAY and WAYLAND_DISPLAY are not set).\n"
                   "Run it in a desktop session or under xvfb-run, or headless, e.g.\n"
                   "  wakeline --scenario join --print\n  wakeline --scenario join --export join.png\n",
                   stderr);
        return 1;
    }
    // Exports paint text, which needs a GUI application; without a display, paint offscreen.
    if (headless && noDisplay)
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (headless && qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {
        // Without a session (CI, ssh, a container) Qt warns about this on every run; give it a private one.
        const QByteArray dir = QDir::tempPath().toLocal8Bit() + "/wakeline-runtime-" + QByteArray::number(getuid());
        if (QDir().mkpath(QString::fromLocal8Bit(dir)))
            QFile::setPermissions(QString::fromLocal8Bit(dir), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        qputenv("XDG_RUNTIME_DIR", dir);
    }
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName("wakeline");
    QGuiApplication::setOrganizationName("Wakeline");
    QGuiApplication::setApplicationVersion(WAKELINE_VERSION);
    if (headless) {
        const auto result = wl::runCommandLine(QGuiApplication::arguments());
        std::fputs(result.out.c_str(), stdout);
        std::fputs(result.err.c_str(), stderr);
        return result.exitCode;
    }
    QQmlApplicationEngine engine;
    engine.addImportPath("qrc:/qt/qml");
    engine.load(QUrl("qrc:/qt/qml/Wakeline/Main.qml"));
    if (engine.rootObjects().isEmpty())
        return 1;
    return app.exec();
}
