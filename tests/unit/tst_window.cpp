// The real window, driven offscreen: it opens on the default scenario already run, a picked scenario runs off
// the GUI thread and fills the console and the timeline, and zoom/pan/fit change the visible range.
// With WAKELINE_SCREENSHOT_DIR set (run under xvfb-run for real OpenGL), it also saves screenshots.
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QTest>
#include <QtQml/QQmlExtensionPlugin>

Q_IMPORT_QML_PLUGIN(WakelinePlugin)

class TstWindow : public QObject {
    Q_OBJECT

    QQmlApplicationEngine* engine = nullptr;
    QQuickWindow* window = nullptr;
    QObject* controller = nullptr;
    QQuickItem* timeline = nullptr;

    int runs() const { return controller->property("runs").toInt(); }
    QStringList console() const { return controller->property("printedLines").toStringList(); }
    void runScenario(const QString& id, int workers = 0)
    {
        const int before = runs();
        controller->setProperty("scenarioId", id);
        if (workers)
            controller->setProperty("workers", workers);
        QMetaObject::invokeMethod(controller, "run");
        QTRY_VERIFY_WITH_TIMEOUT(runs() > before, 20000);
        QTRY_VERIFY(timeline->property("shapeCount").toInt() > 0);
    }
    void screenshot(const QString& name)
    {
        const QString dir = qEnvironmentVariable("WAKELINE_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QTest::qWait(300);
        QVERIFY(window->grabWindow().save(dir + "/" + name + ".png"));
    }

private slots:
    void initTestCase()
    {
        engine = new QQmlApplicationEngine;
        engine->addImportPath("qrc:/qt/qml");
        engine->load(QUrl("qrc:/qt/qml/Wakeline/Main.qml"));
        QVERIFY(!engine->rootObjects().isEmpty());
        window = qobject_cast<QQuickWindow*>(engine->rootObjects().first());
        QVERIFY(window);
        controller = window->findChild<QObject*>("controller");
        timeline = window->findChild<QQuickItem*>("timeline");
        QVERIFY(controller && timeline);
        QVERIFY(QTest::qWaitForWindowExposed(window));
    }

    void opensOnTheDefaultScenarioAlreadyRun()
    {
        QTRY_VERIFY_WITH_TIMEOUT(runs() >= 1, 20000);
        QCOMPARE(controller->property("scenarioId").toString(), QString("join"));
        QCOMPARE(console(), (QStringList{"1000 ms  Humidity fetched", "2000 ms  Temperature fetched",
                                         "2000 ms  Weather report: 72°F, 40% humidity"}));
        QTRY_VERIFY(timeline->property("shapeCount").toInt() > 10);
        QVERIFY(timeline->property("vertexCount").toInt() > 0);
        QVERIFY(window->title().contains("join! runs futures concurrently"));
        screenshot("window-join");
    }

    void pickingAScenarioRunsItOffTheGuiThread()
    {
        runScenario("select");
        QCOMPARE(console(), (QStringList{"1000 ms  Fast source answered", "1000 ms  First completed: fast"}));
        auto* lesson = window->findChild<QObject*>("lesson");
        QVERIFY(lesson->property("text").toString().contains("select!"));
        QCOMPARE(timeline->property("to").toDouble(), 1000.0);  // fitted to the new run

        // A threaded run of a scenario that sleeps for real: the GUI thread keeps turning meanwhile.
        controller->setProperty("threaded", true);
        controller->setProperty("scenarioId", "many_sleepers");
        const int before = runs();
        QMetaObject::invokeMethod(controller, "run");
        QVERIFY(controller->property("running").toBool());
        int turns = 0;
        while (runs() == before && turns < 2000) {
            QTest::qWait(5);  // the event loop runs while the scenario does
            ++turns;
        }
        QVERIFY(turns > 3);
        QCOMPARE(console().size(), 11);
        controller->setProperty("threaded", false);
    }

    void zoomPanAndFit()
    {
        runScenario("cpu_starvation");
        QCOMPARE(timeline->property("from").toDouble(), 0.0);
        const double end = timeline->property("to").toDouble();
        QCOMPARE(end, 2300.0);
        QMetaObject::invokeMethod(timeline, "zoomIn");
        const double width = timeline->property("to").toDouble() - timeline->property("from").toDouble();
        QVERIFY(std::abs(width - end / 1.5) < 1.0);
        QMetaObject::invokeMethod(timeline, "panBy", Q_ARG(double, 0.25));
        QVERIFY(timeline->property("from").toDouble() > 0);
        QMetaObject::invokeMethod(timeline, "fitAll");
        QCOMPARE(timeline->property("from").toDouble(), 0.0);
        QCOMPARE(timeline->property("to").toDouble(), end);
        screenshot("window-cpu_starvation");
    }

    void moreScreenshots()
    {
        if (qEnvironmentVariableIsEmpty("WAKELINE_SCREENSHOT_DIR"))
            QSKIP("screenshots only when WAKELINE_SCREENSHOT_DIR is set");
        runScenario("broadcast");
        screenshot("window-broadcast");
        window->setProperty("dark", true);
        runScenario("select");
        screenshot("window-select-dark");
        window->setProperty("dark", false);
    }

    void cleanupTestCase() { delete engine; }
};

int main(int argc, char** argv)
{
    QGuiApplication app(argc, argv);
    QGuiApplication::setOrganizationName("WakelineTests");  // keep the tests' window settings apart
    TstWindow test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_window.moc"
