// Runs the Qt Quick Test suites (tests/qml/tst_*.qml) against the Wakeline QML module.
#include <QQmlEngine>
#include <QtQml/QQmlExtensionPlugin>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(WakelinePlugin)

class Setup : public QObject {
    Q_OBJECT
public slots:
    void qmlEngineAvailable(QQmlEngine* engine) { engine->addImportPath("qrc:/qt/qml"); }
};

QUICK_TEST_MAIN_WITH_SETUP(wakeline_qml, Setup)
#include "QuickTestMain.moc"
