// Every QML file of the window compiles with every import resolved, and every QML module those files import
// (and the ones Qt's own dialogs import behind them) is installed. A missing Debian package fails here by name,
// not as a crash when a user first opens a dialog.
#include <QDir>
#include <QGuiApplication>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QtQml/QQmlExtensionPlugin>

Q_IMPORT_QML_PLUGIN(WakelinePlugin)

namespace {
// The modules Qt Quick Dialogs loads itself when a non-native FileDialog opens (Qt 6.4's quickimpl QML files).
const QStringList kBehindTheDialogs = {"QtQuick.Dialogs.quickimpl", "Qt.labs.folderlistmodel", "QtQuick.Templates"};

QStringList qmlFiles()
{
    return QDir(WAKELINE_QML_DIR).entryList({"*.qml"}, QDir::Files, QDir::Name);
}
}  // namespace

class TstQmlModules : public QObject {
    Q_OBJECT
    QQmlEngine engine;

private slots:
    void initTestCase()
    {
        engine.addImportPath("qrc:/qt/qml");
        QVERIFY(qmlFiles().size() >= 8);
    }

    void everyImportedModuleIsInstalled_data()
    {
        QTest::addColumn<QString>("module");
        QSet<QString> modules(kBehindTheDialogs.begin(), kBehindTheDialogs.end());
        static const QRegularExpression import(QStringLiteral("^import\\s+([A-Za-z][\\w.]*)"),
                                               QRegularExpression::MultilineOption);
        for (const QString& name : qmlFiles()) {
            QFile f(QString(WAKELINE_QML_DIR "/") + name);
            QVERIFY(f.open(QIODevice::ReadOnly));
            auto it = import.globalMatch(QString::fromUtf8(f.readAll()));
            while (it.hasNext())
                modules.insert(it.next().captured(1));
        }
        QStringList sorted(modules.begin(), modules.end());
        sorted.sort();
        for (const QString& m : sorted)
            QTest::newRow(qPrintable(m)) << m;
    }
    void everyImportedModuleIsInstalled()
    {
        QFETCH(QString, module);
        QQmlComponent c(&engine);
        c.setData(("import " + module + "\nimport QtQml\nQtObject {}\n").toUtf8(), QUrl("memory:/probe.qml"));
        QTRY_VERIFY(!c.isLoading());
        QVERIFY2(c.isReady(), qPrintable("QML module " + module + " is missing (is its Debian package installed by "
                                         "scripts/setup-deps?): " + c.errorString()));
    }

    void everyQmlFileCompiles_data()
    {
        QTest::addColumn<QString>("file");
        for (const QString& name : qmlFiles())
            QTest::newRow(qPrintable(name)) << name;
    }
    void everyQmlFileCompiles()
    {
        QFETCH(QString, file);
        QQmlComponent c(&engine, QUrl("qrc:/qt/qml/Wakeline/" + file));
        QTRY_VERIFY(!c.isLoading());
        QVERIFY2(c.isReady(), qPrintable(c.errorString()));
    }
};

int main(int argc, char** argv)
{
    QGuiApplication app(argc, argv);
    TstQmlModules test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_qml_modules.moc"
