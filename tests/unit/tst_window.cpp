// The real window, driven offscreen: it opens on the default scenario already run, a picked scenario runs off
// the GUI thread and fills the console and the timeline, and zoom/pan/fit change the visible range.
// With WAKELINE_SCREENSHOT_DIR set (run under xvfb-run for real OpenGL), it also saves screenshots.
#include "BadTraces.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QSettings>
#include <QImage>
#include <QKeySequence>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QQmlApplicationEngine>
#include <QQmlProperty>
#include <QAbstractItemModel>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QTest>

#include <cmath>
#include <tuple>
#include <vector>
#include <QtQml/QQmlExtensionPlugin>

Q_IMPORT_QML_PLUGIN(WakelinePlugin)

class TstWindow : public QObject {
    Q_OBJECT

    QQmlApplicationEngine* engine = nullptr;
    QQuickWindow* window = nullptr;
    QObject* controller = nullptr;
    QQuickItem* timeline = nullptr;

    int runs() const { return controller->property("runs").toInt(); }
    int events() const { return window->findChild<QObject*>("playback")->property("eventCount").toInt(); }
    QStringList console() const { return controller->property("printedLines").toStringList(); }
    void runScenario(const QString& id, int workers = 0)
    {
        const int before = runs();
        controller->setProperty("scenarioId", id);
        if (workers)
            controller->setProperty("workers", workers);
        QMetaObject::invokeMethod(controller, "run");
        QTRY_VERIFY_WITH_TIMEOUT(runs() > before, 120000);  // a busy-loop program under ASan takes half a minute
        QTRY_VERIFY(timeline->property("shapeCount").toInt() > 0);
    }
    // Items a Repeater made have no QObject parent to find them by: walk the item tree instead.
    static QQuickItem* findItem(QQuickItem* root, const QString& name)
    {
        if (root->objectName() == name)
            return root;
        for (QQuickItem* child : root->childItems())
            if (QQuickItem* found = findItem(child, name))
                return found;
        return nullptr;
    }
    static int countVisible(QQuickItem* root, const QString& name)
    {
        int n = root->objectName() == name && root->isVisible();
        for (QQuickItem* child : root->childItems())
            n += countVisible(child, name);
        return n;
    }
    static void collect(QQuickItem* root, const QString& name, QList<QQuickItem*>& out)
    {
        if (root->objectName() == name)
            out << root;
        for (QQuickItem* child : root->childItems())
            collect(child, name, out);
    }
    // The visible item of this name under root (a view's delegates are found only through their items).
    static QQuickItem* findVisible(QQuickItem* root, const QString& name)
    {
        if (root->objectName() == name && root->isVisible())
            return root;
        for (QQuickItem* child : root->childItems())
            if (QQuickItem* found = findVisible(child, name))
                return found;
        return nullptr;
    }
    // Opens a trace (or with `how` "importTokioRun", a tokio capture); "" once it shows, else the error message.
    QString openTrace(const QString& path, const char* how = "openTrace")
    {
        QSignalSpy errors(controller, SIGNAL(errorOccurred(QString)));
        QSignalSpy loaded(controller, SIGNAL(traceChanged()));
        QMetaObject::invokeMethod(controller, how, Q_ARG(QUrl, QUrl::fromLocalFile(path)));
        QElapsedTimer waited;
        waited.start();
        while (errors.isEmpty() && loaded.isEmpty() && waited.elapsed() < 60000)
            QTest::qWait(5);
        if (!errors.isEmpty()) {
            QMetaObject::invokeMethod(window->findChild<QObject*>("errorDialog"), "close");
            return errors.first().first().toString();
        }
        return loaded.isEmpty() ? QString("(no outcome within a minute)") : QString();
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

    // A simulated run opens on the step axis: every event of join's three instants takes a step, the two idle
    // seconds a break each (35 events + 2 breaks = 37 steps); stepping moves the playhead one step at a time, and T
    // switches to the time axis and back with the same events shown.
    void theStepAxisIsTheDefaultForSimulatedRuns()
    {
        runScenario("join");
        QCOMPARE(controller->property("stepAxis").toBool(), true);
        QCOMPARE(window->findChild<QObject*>("axisBox")->property("currentIndex").toInt(), 0);
        QCOMPARE(timeline->property("to").toDouble(), double(events() + 2));
        auto* playback = window->findChild<QObject*>("playback");
        QMetaObject::invokeMethod(playback, "toStart");
        QMetaObject::invokeMethod(playback, "stepNext");
        QCOMPARE(playback->property("position").toDouble(), 0.0);  // the first event is at step 0
        for (int i = 1; i < 8; ++i) {  // the first instant: one step per event
            QMetaObject::invokeMethod(playback, "stepNext");
            QCOMPARE(playback->property("position").toDouble(), double(i));
            QCOMPARE(timeline->property("playhead").toDouble(), double(i));
            QCOMPARE(playback->property("playhead").toDouble(), 0.0);  // all at 0 ms of the run
        }
        QVERIFY2(playback->property("timeText").toString().startsWith("step 7 / 42 · 0.000 ms"),
                 qPrintable(playback->property("timeText").toString()));
        screenshot("step-axis-join");
        const int shown = playback->property("eventIndex").toInt();
        window->requestActivate();  // shortcuts go to the active window
        QVERIFY(QTest::qWaitForWindowActive(window));
        timeline->forceActiveFocus();  // (in the code editor, T is text)
        QTest::keyClick(window, 't');
        QTRY_COMPARE(controller->property("stepAxis").toBool(), false);
        QCOMPARE(timeline->property("to").toDouble(), 2000.0);
        QCOMPARE(playback->property("eventIndex").toInt(), shown);
        QCOMPARE(timeline->property("playhead").toDouble(), 0.0);
        QTest::keyClick(window, 't');
        QTRY_COMPARE(controller->property("stepAxis").toBool(), true);
        QCOMPARE(timeline->property("playhead").toDouble(), 7.0);
        // Play moves a steady number of steps a second, through every event of an instant.
        playback->setProperty("speed", 10.0);
        QMetaObject::invokeMethod(playback, "play");
        QTest::qWait(300);
        QMetaObject::invokeMethod(playback, "pause");
        const double at = playback->property("position").toDouble();
        QVERIFY2(at > 7.5 && at < 7 + 10 * 4 * 2, qPrintable(QString::number(at)));
        // The choice stays for the next run, and a threaded run too follows it.
        controller->setProperty("stepAxis", false);
        runScenario("join");
        QCOMPARE(controller->property("stepAxis").toBool(), false);
        QCOMPARE(timeline->property("to").toDouble(), 2000.0);
    }

    // The Hints tab lists cpu_starvation's two hints; a click shows the moment and selects the task.
    void theHintsTabListsHintsAndAClickJumpsThere()
    {
        runScenario("cpu_starvation");
        auto* tabs = window->findChild<QObject*>("bottomTabs");
        QCOMPARE(window->findChild<QObject*>("hintsTab")->property("text").toString(), QString("Hints (2)"));
        tabs->setProperty("currentIndex", 1);
        QQuickItem* second = nullptr;
        QTRY_VERIFY((second = findVisible(window->contentItem(), "hint1")));
        const QVariantMap hint = controller->property("hints").toList().at(1).toMap();
        QCOMPARE(hint["kind"].toString(), QString("starvation"));
        auto* playback = window->findChild<QObject*>("playback");
        QMetaObject::invokeMethod(playback, "toEnd");
        QTest::qWait(100);  // the wrapped sentences settle the delegates' heights
        QTest::mouseClick(window, Qt::LeftButton, {},
                          second->mapToScene(QPointF(second->width() / 2, second->height() / 2)).toPoint());
        QTRY_COMPARE(playback->property("eventIndex").toInt(), hint["eventIndex"].toInt() + 1);
        QCOMPARE(timeline->property("selectedTask").toInt(), hint["task"].toInt());
        QCOMPARE(tabs->property("currentIndex").toInt(), 1);  // the list stays in view for the next hint
        QVERIFY(playback->property("eventText").toString().startsWith("heartbeat() woken by"));
        screenshot("hints-cpu_starvation");
        tabs->setProperty("currentIndex", 0);
    }

    void pickingAScenarioRunsItOffTheGuiThread()
    {
        controller->setProperty("stepAxis", false);  // times below are on the time axis
        runScenario("select");
        QCOMPARE(console(), (QStringList{"1000 ms  Fast source answered", "1000 ms  First completed: fast"}));
        auto* lesson = window->findChild<QObject*>("lesson");
        QVERIFY(lesson->property("text").toString().contains("select!"));
        QCOMPARE(timeline->property("to").toDouble(), 1000.0);  // fitted to the new run

        // A threaded run of a scenario that sleeps for real (400 ms, so even a loaded machine turns the event loop
        // meanwhile): the GUI thread keeps turning while it runs.
        controller->setProperty("threaded", true);
        controller->setProperty("scenarioId", "many_sleepers");
        QMetaObject::invokeMethod(controller, "setParam", Q_ARG(QString, "sleep_ms"), Q_ARG(double, 400));
        const auto restore = qScopeGuard([&] {
            QMetaObject::invokeMethod(controller, "setParam", Q_ARG(QString, "sleep_ms"), Q_ARG(double, 100));
            controller->setProperty("threaded", false);
        });
        const int before = runs();
        QMetaObject::invokeMethod(controller, "run");
        QVERIFY(controller->property("running").toBool());
        int turns = 0, turnsWhileRunning = 0;
        while (runs() == before && turns < 2000) {
            QTest::qWait(5);  // the event loop runs while the scenario does
            ++turns;
            turnsWhileRunning += controller->property("running").toBool() ? 1 : 0;
        }
        QVERIFY(turnsWhileRunning > 0);
        QCOMPARE(console().size(), 11);
        QCOMPARE(console().last().section("  ", 1), QString("All tasks done"));
    }

    // "Check against tokio" builds the program in the editor with real tokio and sets both outputs side by side:
    // many_tasks agrees with tokio but for the bytes per task, which Wakeline measures in its own executor.
    void checkAgainstTokioSetsBothOutputsSideBySide()
    {
        auto* check = window->findChild<QObject*>("tokioCheck");
        auto* dialog = window->findChild<QObject*>("tokioDialog");
        QVERIFY(check && dialog);
        auto* button = findItem(window->contentItem(), "checkTokioButton");
        QVERIFY(button);
        if (!check->property("available").toBool()) {
            QVERIFY(!button->isEnabled());  // and its tooltip says what to install
            QSKIP("real tokio is not installed (scripts/setup-deps installs it)");
        }
        // The tokio build the referee's test made is shared (else the first check compiles tokio).
        qputenv("WAKELINE_REFEREE_WORKDIR", WAKELINE_BUILD_DIR "/referee-window");
        qputenv("WAKELINE_REFEREE_TARGET", WAKELINE_BUILD_DIR "/referee/target");
        runScenario("many_tasks");
        QTRY_VERIFY(button->isEnabled());
        QTest::mouseClick(window, Qt::LeftButton, Qt::NoModifier,
                          button->mapToScene(QPointF(button->width() / 2, button->height() / 2)).toPoint());
        QTRY_VERIFY(dialog->property("visible").toBool());
        QTRY_VERIFY_WITH_TIMEOUT(!check->property("running").toBool(), 15 * 60 * 1000);
        QVERIFY2(check->property("done").toBool(), qPrintable(check->property("status").toString()));
        QCOMPARE(check->property("clock").toString(), QString("paused"));
        const QVariantList rows = check->property("rows").toList();
        QStringList differing;
        for (const QVariant& r : rows) {
            const QVariantMap row = r.toMap();
            if (!row["agrees"].toBool())
                differing << (row["wakeline"].toString().isEmpty() ? "tokio: " + row["tokio"].toString()
                                                                   : "Wakeline: " + row["wakeline"].toString());
        }
        QCOMPARE(rows.size(), 4);  // two lines agree; the bytes line differs, so each side's stands alone
        QCOMPARE(differing.size(), 2);
        QVERIFY2(differing[0].startsWith("Wakeline: 10000 tasks parked: ") && differing[1] == "tokio: 10000 tasks parked: 0 bytes per task",
                 qPrintable(differing.join(" | ")));
        QVERIFY(check->property("status").toString().startsWith("2 of 4 lines differ (paused clock)"));
        auto* lines = findItem(dialog->property("contentItem").value<QQuickItem*>(), "tokioCheckLines");
        QVERIFY(lines);
        QCOMPARE(lines->property("count").toInt(), 4);
        screenshot("tokio-check");
        QMetaObject::invokeMethod(dialog, "close");
        QTRY_VERIFY(!dialog->property("visible").toBool());
    }

    // The help overlay lists every shortcut the window has: each Shortcut's sequence and each menu Action's.
    void theHelpListsEveryShortcut()
    {
        auto* helpText = window->findChild<QObject*>("helpText");
        QVERIFY(helpText);
        const QString text = helpText->property("text").toString();
        int checked = 0;
        for (QObject* o : window->findChildren<QObject*>()) {
            const char* property = o->inherits("QQuickShortcut") ? "sequence" : o->inherits("QQuickAction") ? "shortcut" : nullptr;
            if (!property)
                continue;
            const QVariant v = o->property(property);  // a string, or a StandardKey
            const QString sequence = v.typeId() == QMetaType::QString || v.typeId() == QMetaType::QKeySequence
                ? v.toString()
                : QKeySequence(QKeySequence::StandardKey(v.toInt())).toString();
            if (sequence.isEmpty())
                continue;
            QVERIFY2(text.contains(sequence), qPrintable("the help does not list " + sequence));
            ++checked;
        }
        // 16 Shortcuts and 5 menu Actions; StandardKey.Quit has no binding on the offscreen platform (Ctrl+Q on X11).
        QVERIFY2(checked >= 20, qPrintable(QString::number(checked)));
        auto* help = window->findChild<QObject*>("helpDialog");
        QMetaObject::invokeMethod(help, "open");
        QTRY_VERIFY(help->property("visible").toBool());
        QMetaObject::invokeMethod(help, "close");
        QTRY_VERIFY(!help->property("visible").toBool());
    }

    void playbackStepsScrubsAndFillsTheConsole()
    {
        controller->setProperty("stepAxis", false);  // times below are on the time axis
        runScenario("join");
        auto* playback = window->findChild<QObject*>("playback");
        QVERIFY(playback);
        QTRY_VERIFY_WITH_TIMEOUT(!playback->property("playing").toBool(), 10000);  // a new run plays through once
        QCOMPARE(playback->property("playhead").toDouble(), 2000.0);
        QMetaObject::invokeMethod(playback, "toStart");
        QCOMPARE(playback->property("eventIndex").toInt(), 0);
        QVERIFY(playback->property("consoleLines").toStringList().isEmpty());
        // Step event by event up to the first printed line: the console and the code line follow.
        while (playback->property("consoleLines").toStringList().isEmpty()) {
            const int before = playback->property("eventIndex").toInt();
            QMetaObject::invokeMethod(playback, "stepNext");
            QCOMPARE(playback->property("eventIndex").toInt(), before + 1);
        }
        QCOMPARE(playback->property("consoleLines").toStringList(), QStringList{"1000 ms  Humidity fetched"});
        QCOMPARE(playback->property("eventText").toString(), QString("fetch_humidity() printed \"Humidity fetched\""));
        QCOMPARE(playback->property("currentLine").toInt(), 25);  // join.rs: println!("Humidity fetched")
        QCOMPARE(timeline->property("playhead").toDouble(), 1000.0);
        auto* code = window->findChild<QObject*>("codePanel");
        QCOMPARE(code->property("highlighted").toInt(), 25);
        // The printed expression itself is outlined: from its column over its width, where the editor draws it.
        QCOMPARE(playback->property("currentColumn").toInt(), 5);
        QCOMPARE(playback->property("currentWidth").toInt(), int(std::string("println!(\"Humidity fetched\")").size()));
        auto* outline = window->findChild<QQuickItem*>("expressionHighlight");
        auto* editor = window->findChild<QQuickItem*>("editor");
        QVERIFY(outline && editor);
        QTRY_VERIFY(outline->isVisible());
        const QFontMetricsF metrics(editor->property("font").value<QFont>());
        const double left = editor->property("leftPadding").toDouble() + metrics.horizontalAdvance("    ");
        QVERIFY2(std::abs(outline->x() + 1 - left) <= 1.5, qPrintable(QString::number(outline->x())));
        QVERIFY2(std::abs(outline->width() - 2 - metrics.horizontalAdvance("println!(\"Humidity fetched\")")) <= 1.5,
                 qPrintable(QString::number(outline->width())));
        const double rowHeight = code->property("lineHeight").toDouble();
        QVERIFY(std::abs(outline->y() - editor->property("topPadding").toDouble() - 24 * rowHeight) <= 0.5);
        // Scrub to 1.5 s: everything up to then is shown, nothing after.
        playback->setProperty("playhead", 1500.0);
        QCOMPARE(playback->property("consoleLines").toStringList(), QStringList{"1000 ms  Humidity fetched"});
        QCOMPARE(playback->property("timeText").toString(), QString("1500.000 / 2000.000 ms"));
    }

    // A runnable task's inspector says which queue it waits in: in lifo_ping_pong, the LIFO slot of the worker
    // the two tasks share, and the global queue for main at the start.
    void inspectorNamesTheQueueATaskWaitsIn()
    {
        const QString before = controller->property("scenarioId").toString();  // the next test goes on from it
        runScenario("lifo_ping_pong");
        auto* playback = window->findChild<QObject*>("playback");
        auto* inspector = window->findChild<QObject*>("inspector");
        QMetaObject::invokeMethod(playback, "toStart");
        inspector->setProperty("task", 1);
        QMetaObject::invokeMethod(playback, "stepNext");
        QMetaObject::invokeMethod(playback, "stepNext");  // spawned, then queued
        QCOMPARE(inspector->property("state").toString(), QString("scheduled: in the global queue, waiting for a worker"));
        inspector->setProperty("task", 2);  // pong, spawned first
        QString state;
        for (int i = 0; i < 200 && !state.contains("LIFO"); ++i) {
            QMetaObject::invokeMethod(playback, "stepNext");
            state = inspector->property("state").toString();
        }
        QVERIFY2(QRegularExpression("^scheduled: in the LIFO slot of worker \\d \\(it runs next there\\), waiting for a worker$")
                     .match(state).hasMatch(), qPrintable(state));
        inspector->setProperty("task", 0);
        runScenario(before);
    }

    void inspectorExplainsTheSelectedTask()
    {
        controller->setProperty("stepAxis", false);  // times below are on the time axis
        auto* playback = window->findChild<QObject*>("playback");
        auto* inspector = window->findChild<QObject*>("inspector");
        // Click the fetch_temperature() row on the timeline to select it.
        int arm = 0;
        QPoint at;
        for (int y = 0; y < int(timeline->height()) && !arm; y += 2) {
            int task = 0;
            QMetaObject::invokeMethod(timeline, "taskAt", Q_RETURN_ARG(int, task), Q_ARG(double, 400.0), Q_ARG(double, double(y)));
            if (task) {
                inspector->setProperty("task", task);
                if (inspector->property("name").toString() == "fetch_temperature()") {
                    arm = task;
                    at = timeline->mapToScene(QPointF(400, y)).toPoint();
                }
            }
        }
        screenshot("inspector-before-click");
        QVERIFY(arm);
        inspector->setProperty("task", 0);
        QTest::mouseClick(window, Qt::LeftButton, Qt::NoModifier, at);
        QTRY_COMPARE(timeline->property("selectedTask").toInt(), arm);
        QCOMPARE(inspector->property("task").toInt(), arm);
        // The click brings the Task tab beside the code forward, where the inspector shows it.
        QCOMPARE(window->findChild<QObject*>("bottomTabs")->property("currentIndex").toInt(), 2);
        QTRY_VERIFY(findVisible(window->contentItem(), "inspectorName"));

        playback->setProperty("playhead", 1500.0);  // between its spurious poll at 1 s and its timer at 2 s
        QCOMPARE(inspector->property("state").toString(), QString("parked: returned Pending, waiting for a wake"));
        const QString why = inspector->property("waitingFor").toString();
        QVERIFY2(why.startsWith("at line 18: sleep(Duration::from_millis(TEMPERATURE_MS)).await;"), qPrintable(why));
        QVERIFY2(why.contains("its waker is held by sleep 2 s (it fires at 2000.000 ms)"), qPrintable(why));
        QCOMPARE(inspector->property("polls").toInt(), 2);  // join polled it at 0 s and again at 1 s
        QCOMPARE(inspector->property("waitingMs").toDouble(), 1500.0);  // parked since 0 s (the poll at 1 s took no time)
        QCOMPARE(window->findChild<QObject*>("codePanel")->property("highlighted").toInt(), 18);
        QCOMPARE(window->findChild<QObject*>("codePanel")->property("highlightColumn").toInt(), 5);  // sleep(..).await
        // Hovering the row says the same; the timeline draws a dashed arrow to the wake that will end the wait.
        QString hover;
        QMetaObject::invokeMethod(timeline, "describeAt", Q_RETURN_ARG(QString, hover), Q_ARG(double, 400.0),
                                  Q_ARG(double, timeline->mapFromScene(at).y()));
        QVERIFY2(hover.startsWith("fetch_temperature() at ") && hover.endsWith(": parked, waiting for a wake"), qPrintable(hover));
        double expected = 0;
        QMetaObject::invokeMethod(timeline, "expectedWakeTime", Q_RETURN_ARG(double, expected));
        QCOMPARE(expected, 2000.0);  // its timer, at 2 s

        QMetaObject::invokeMethod(playback, "toEnd");
        QCOMPARE(inspector->property("state").toString(), QString("completed"));
        QCOMPARE(inspector->property("polls").toInt(), 3);
        // Its only wake is its own timer's: the poll at 1 s came from join polling every arm, not from a wake.
        const auto woken = inspector->property("wokenBy").toList();
        QCOMPARE(woken.size(), 1);
        QCOMPARE(woken.first().toMap()["text"].toString(), QString("2000.000 ms by sleep 2 s"));
        QCOMPARE(woken.first().toMap()["delayMs"].toDouble(), 0.0);
        screenshot("window-join-inspecting");
    }

    void aLongThreadedRunShowsProgressAndCanBeCancelled()
    {
        controller->setProperty("threaded", true);
        const auto restore = qScopeGuard([&] { controller->setProperty("threaded", false); });
        controller->setProperty("scenarioId", "select_cancel");  // 2.5 s of real time
        const int before = runs();
        QElapsedTimer clock;
        clock.start();
        QMetaObject::invokeMethod(controller, "run");
        QTRY_VERIFY(!controller->property("progress").toString().isEmpty());
        QVERIFY(controller->property("progress").toString().contains("tasks finished"));
        QMetaObject::invokeMethod(controller, "cancel");
        QTRY_VERIFY_WITH_TIMEOUT(runs() > before, 5000);
        QVERIFY(clock.elapsed() < 2000);  // did not wait for the 2.5 s the scenario would take
        QVERIFY(controller->property("status").toString().startsWith("cancelled · select_cancel"));
        // What ran before the cancel is kept: the first step printed (at a real time, so only its text is pinned).
        QVERIFY(!console().isEmpty());
        QVERIFY2(console().first().endsWith("ms  Working... step 1"), qPrintable(console().first()));
        controller->setProperty("threaded", false);
    }

    void scenarioParametersAreControls()
    {
        controller->setProperty("scenarioId", "join");
        const auto params = controller->property("params").toList();
        QCOMPARE(params.size(), 2);
        QCOMPARE(params[0].toMap()["name"].toString(), QString("temperature_ms"));
        QCOMPARE(params[0].toMap()["value"].toDouble(), 2000.0);
        QTRY_VERIFY(findItem(window->contentItem(), "param_humidity_ms"));
        QCOMPARE(findItem(window->contentItem(), "param_humidity_ms")->property("value").toInt(), 1000);
        QMetaObject::invokeMethod(controller, "setParam", Q_ARG(QString, "humidity_ms"), Q_ARG(double, 3000.0));
        runScenario("join");
        // The humidity now takes longer than the temperature, and the run takes 3 s.
        QCOMPARE(console(), (QStringList{"2000 ms  Temperature fetched", "3000 ms  Humidity fetched",
                                         "3000 ms  Weather report: 72°F, 40% humidity"}));
        QTRY_COMPARE(findItem(window->contentItem(), "param_humidity_ms")->property("value").toInt(), 3000);
        controller->setProperty("scenarioId", "select");  // another scenario starts from its own defaults
        controller->setProperty("scenarioId", "join");
        QCOMPARE(controller->property("params").toList()[1].toMap()["value"].toDouble(), 1000.0);
    }

    void theThemeFollowsTheSystemUntilChosen()
    {
        QVERIFY(window->property("followSystem").toBool());
        QCOMPARE(window->property("dark").toBool(), window->property("systemDark").toBool());
        window->setProperty("followSystem", false);
        window->setProperty("chosenDark", !window->property("systemDark").toBool());
        QCOMPARE(window->property("dark").toBool(), !window->property("systemDark").toBool());
        QCOMPARE(timeline->property("dark").toBool(), window->property("dark").toBool());
        window->setProperty("followSystem", true);
    }

    // The code panel is an editor: what it holds is what runs. Edit a line and run; break it and see the problem
    // marked with its position (and nothing run); revert; keys typed into it are text, not shortcuts; picking
    // another scenario asks before an edit is dropped.
    void theProgramIsEditedRunBrokenAndReverted()
    {
        runScenario("join");
        auto* panel = window->findChild<QObject*>("codePanel");
        auto* editor = window->findChild<QQuickItem*>("editor");
        QVERIFY(panel && editor);
        const QString builtin = controller->property("source").toString();
        QVERIFY(builtin.contains("println!(\"Humidity fetched\");"));
        QCOMPARE(editor->property("text").toString(), builtin);
        QCOMPARE(controller->property("edited").toBool(), false);
        // The gutter's rows and the highlight sit on the editor's own lines, down to the last one.
        QRectF last;
        QMetaObject::invokeMethod(editor, "positionToRectangle", Q_RETURN_ARG(QRectF, last), Q_ARG(int, int(builtin.size())));
        const double row = panel->property("lineHeight").toDouble();
        const int lineCount = editor->property("lineCount").toInt();
        QVERIFY2(std::abs(last.y() - (editor->property("topPadding").toDouble() + (lineCount - 1) * row)) < 0.5,
                 qPrintable(QString("last line at %1, rows of %2").arg(last.y()).arg(row)));

        // Edit: a different line is printed, and the code panel says the program is edited.
        QString edited = builtin;
        edited.replace("println!(\"Humidity fetched\");", "println!(\"Humidity is in: {}%\", 40);");
        editor->setProperty("text", edited);
        int before = runs();
        QMetaObject::invokeMethod(window, "runProgram");
        QTRY_VERIFY_WITH_TIMEOUT(runs() > before, 20000);
        QVERIFY2(console().contains("1000 ms  Humidity is in: 40%"), qPrintable(console().join(" | ")));
        QCOMPARE(controller->property("edited").toBool(), true);
        QVERIFY(window->findChild<QObject*>("programTitle")->property("text").toString().endsWith("(edited)"));
        screenshot("editor-edited");

        // Break it: the problem is listed with its position, marked in the gutter, and the run is refused.
        QString broken = edited;
        broken.replace("    72\n", "    let = 72;\n");
        editor->setProperty("text", broken);
        QTRY_COMPARE(controller->property("problems").toList().size(), 1);
        const QVariantMap problem = controller->property("problems").toList().first().toMap();
        const int line = int(broken.left(broken.indexOf("let = 72")).count('\n')) + 1;
        QCOMPARE(problem.value("line").toInt(), line);
        QCOMPARE(problem.value("column").toInt(), 9);
        QCOMPARE(problem.value("text").toString(),
                 QString("join.rs:%1:9: error: expected a pattern, found `=`").arg(line));
        before = runs();
        QMetaObject::invokeMethod(window, "runProgram");
        QCOMPARE(runs(), before);
        QCOMPARE(controller->property("status").toString(),
                 QString("Not run: the program has 1 problem (first: join.rs:%1:9: error: expected a pattern, found `=`)").arg(line));
        auto* list = window->findChild<QQuickItem*>("problemList");
        QVERIFY(list && list->isVisible());
        QTRY_COMPARE(countVisible(window->contentItem(), "problemMarker"), 1);
        screenshot("editor-problem");

        // Revert: the built-in program, no problems.
        QMetaObject::invokeMethod(controller, "revert");
        QCOMPARE(editor->property("text").toString(), builtin);
        QCOMPARE(controller->property("problems").toList().size(), 0);
        QCOMPARE(controller->property("edited").toBool(), false);

        // Keys typed into the editor are text: W does not zoom.
        const double from = timeline->property("from").toDouble(), to = timeline->property("to").toDouble();
        editor->forceActiveFocus();
        editor->setProperty("cursorPosition", 0);
        for (char c : {'w', 'a', 's', 'd'})
            QTest::keyClick(window, c);
        QTRY_VERIFY(editor->property("text").toString().startsWith("wasd//!"));
        QCOMPARE(timeline->property("from").toDouble(), from);
        QCOMPARE(timeline->property("to").toDouble(), to);

        // Another scenario: asked first; Cancel keeps the edit, Discard takes the new program.
        QMetaObject::invokeMethod(window, "chooseScenario", Q_ARG(QVariant, QVariant(QString("select"))));
        auto* discard = window->findChild<QObject*>("discardDialog");
        QTRY_VERIFY(discard->property("visible").toBool());
        QCOMPARE(controller->property("scenarioId").toString(), QString("join"));
        screenshot("editor-discard");
        QMetaObject::invokeMethod(discard, "reject");
        QTRY_VERIFY(!discard->property("visible").toBool());
        QVERIFY(controller->property("source").toString().startsWith("wasd"));
        QMetaObject::invokeMethod(window, "chooseScenario", Q_ARG(QVariant, QVariant(QString("select"))));
        QTRY_VERIFY(discard->property("visible").toBool());
        QMetaObject::invokeMethod(discard, "discarded");
        QTRY_COMPARE(controller->property("scenarioId").toString(), QString("select"));
        QCOMPARE(controller->property("edited").toBool(), false);
        QTRY_VERIFY(editor->property("text").toString().contains("async fn slow_source()"));
    }

    // The workers control rewrites #[tokio::main] in the program: the attribute always says what will run.
    void theWorkersControlRewritesTheRuntimeAttribute()
    {
        controller->setProperty("scenarioId", "runtime_flavors");
        QVERIFY(controller->property("source").toString().contains("#[tokio::main(flavor = \"current_thread\")]"));
        controller->setProperty("workers", 4);
        const QString four = controller->property("source").toString();
        QVERIFY(four.contains("#[tokio::main(flavor = \"multi_thread\", worker_threads = 4)]\nasync fn main()"));
        QVERIFY(!four.contains("#[tokio::main(flavor = \"current_thread\")]\n"));
        QCOMPARE(controller->property("edited").toBool(), false);
        QVERIFY(four.contains("// Run it as it is, then with 4 workers"));  // comments are left alone
        controller->setProperty("workers", 1);
        QVERIFY(controller->property("source").toString().contains("#[tokio::main(flavor = \"current_thread\")]\nasync fn main()"));
    }

    void zoomPanAndFit()
    {
        controller->setProperty("stepAxis", false);  // times below are on the time axis
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

    void theStageShowsWhereEachTaskIs()
    {
        runScenario("semaphore");
        auto* playback = window->findChild<QObject*>("playback");
        auto* stage = window->findChild<QObject*>("stageModel");
        QVERIFY(stage);
        auto placeOf = [&](const char* name) {
            // Task ids follow spawn order: main is 1, request i is i + 1.
            const int id = QString(name) == "main" ? 1 : QString(name).mid(8).toInt() + 1;
            QString place;
            QMetaObject::invokeMethod(stage, "placeOf", Q_RETURN_ARG(QString, place), Q_ARG(int, id));
            return place;
        };
        playback->setProperty("playhead", 250.0);
        // The last request spawned sat in the spawning worker's LIFO slot and asked first; request 1 was stolen by
        // the other worker and asked second.
        QCOMPARE(placeOf("request 5"), QString("parked:timer"));      // holding a permit, sleeping
        QCOMPARE(placeOf("request 1"), QString("parked:timer"));
        QCOMPARE(placeOf("request 2"), QString("parked:semaphore"));  // no permit left
        QCOMPARE(placeOf("request 3"), QString("parked:semaphore"));
        QCOMPARE(placeOf("main"), QString("parked:task"));            // awaiting request 1's JoinHandle
        QVERIFY(stage->property("resources").toStringList().contains("Semaphore::new(2): 0 permits free"));
        QVERIFY(stage->property("resources").toStringList().contains("sleep 500 ms: due at 500.0 ms"));
        QMetaObject::invokeMethod(playback, "toEnd");
        QCOMPARE(placeOf("request 4"), QString("done"));
        QCOMPARE(placeOf("main"), QString("done"));
        // Stepping back replays from the start: the same places as before.
        playback->setProperty("playhead", 250.0);
        QCOMPARE(placeOf("request 3"), QString("parked:semaphore"));
        QMetaObject::invokeMethod(playback, "toStart");
        QCOMPARE(placeOf("main"), QString("new"));
    }

    void aStolenTokenSaysWhereItCameFrom()
    {
        runScenario("work_stealing");  // main spawns 8 jobs on worker 0; the idle workers steal them
        auto* playback = window->findChild<QObject*>("playback");
        auto* stage = qobject_cast<QAbstractItemModel*>(window->findChild<QObject*>("stageModel"));
        QVERIFY(stage);
        const int stolenRole = stage->roleNames().key("stolenFrom");
        QMetaObject::invokeMethod(playback, "toStart");
        int row = -1;
        for (int step = 0; step < 500 && row < 0; ++step) {
            QMetaObject::invokeMethod(playback, "stepNext");
            for (int r = 0; r < stage->rowCount() && row < 0; ++r)
                if (stage->data(stage->index(r, 0), stolenRole).toInt() >= 0)
                    row = r;
        }
        QVERIFY2(row >= 0, "no token was ever marked stolen");
        const QModelIndex index = stage->index(row, 0);
        QCOMPARE(stage->data(index, stolenRole).toInt(), 0);  // from worker 0's queue
        const QString place = stage->data(index, stage->roleNames().key("place")).toString();
        QVERIFY2(place.startsWith("queue:") && place != "queue:0", qPrintable(place));  // in the thief's queue
        // Its token on the stage is outlined in the steal colour.
        QList<QQuickItem*> tokens;
        collect(window->contentItem(), "stageToken", tokens);
        QQuickItem* token = nullptr;
        for (auto* item : tokens)
            if (item->property("stolenFrom").toInt() == 0
                && item->property("name").toString() == stage->data(index, stage->roleNames().key("name")).toString())
                token = item;
        QVERIFY(token);
        QCOMPARE(QQmlProperty::read(token, "border.color").value<QColor>(),
                 token->parentItem()->property("stealColor").value<QColor>());
        screenshot("window-work_stealing-stolen");
        // Once it runs on the thief's lane it is an ordinary token again.
        for (int step = 0; step < 200 && stage->data(index, stolenRole).toInt() >= 0; ++step)
            QMetaObject::invokeMethod(playback, "stepNext");
        QCOMPARE(stage->data(index, stolenRole).toInt(), -1);
        QVERIFY(stage->data(index, stage->roleNames().key("place")).toString().startsWith("lane:"));
    }

    void aCorruptTraceIsNamedAndNothingChanges()
    {
        runScenario("select");
        const QStringList before = console();
        const int runsBefore = runs();
        const QString statusBefore = controller->property("status").toString();
        QTemporaryDir dir;
        const QString bad = dir.filePath("broken.json");
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"format\": \"wakeline-trace\", \"version\": 1, \"scenario\": 5}");
        f.close();
        QSignalSpy errors(controller, SIGNAL(errorOccurred(QString)));
        QMetaObject::invokeMethod(controller, "openTrace", Q_ARG(QUrl, QUrl::fromLocalFile(bad)));
        QTRY_COMPARE(errors.size(), 1);  // read off the GUI thread
        QCOMPARE(errors.first().first().toString(), bad + ": scenario: expected a string, found a number");
        auto* dialog = window->findChild<QObject*>("errorDialog");
        QTRY_VERIFY(dialog->property("visible").toBool());
        QCOMPARE(window->findChild<QObject*>("errorText")->property("text").toString(), errors.first().first().toString());
        QMetaObject::invokeMethod(dialog, "close");
        QVERIFY(!controller->property("loading").toBool());
        // What was open is still open, untouched.
        QCOMPARE(console(), before);
        QCOMPARE(runs(), runsBefore);
        QCOMPARE(controller->property("status").toString(), statusBefore);
        QCOMPARE(controller->property("scenarioId").toString(), QString("select"));
    }

    void saveOpenAndExportFromTheDialog()
    {
        runScenario("semaphore");
        QTemporaryDir dir;
        const QUrl saved = QUrl::fromLocalFile(dir.filePath("semaphore.json"));
        bool ok = false;
        QMetaObject::invokeMethod(controller, "saveTrace", Q_RETURN_ARG(bool, ok), Q_ARG(QUrl, saved));
        QVERIFY(ok);
        runScenario("join");
        QCOMPARE(openTrace(saved.toLocalFile()), QString());
        QCOMPARE(controller->property("scenarioId").toString(), QString("semaphore"));
        QCOMPARE(console().first(), QString("0 ms  Request 5 started"));
        QVERIFY(controller->property("status").toString().startsWith("semaphore.json · semaphore"));

        auto* dialog = window->findChild<QObject*>("exportDialog");
        QVERIFY(dialog);
        QMetaObject::invokeMethod(dialog, "open");
        const QString png = dir.filePath("from-dialog.png");
        dialog->setProperty("file", QUrl::fromLocalFile(png));
        dialog->setProperty("imageWidth", 1000);
        dialog->setProperty("imageHeight", 400);
        dialog->setProperty("pngScale", 1);
        dialog->setProperty("view", 2);
        QMetaObject::invokeMethod(dialog, "accept");
        QTRY_VERIFY(QFile::exists(png));  // written off the GUI thread
        QTRY_COMPARE(controller->property("status").toString(), "Wrote " + png);
        QCOMPARE(QImage(png).size(), QSize(1000, 400));
    }

    // Each file dialog really opens (Qt's own QML FileDialog, which crashed without Qt.labs.folderlistmodel) and
    // its accept does what the menu promises.
    void everyFileDialogOpensAndAccepts()
    {
        runScenario("mpsc");
        QTemporaryDir dir;
        auto accept = [&](const char* name, const QString& file) {
            QObject* dialog = window->findChild<QObject*>(name);
            QVERIFY2(dialog, name);
            dialog->setProperty("currentFolder", QUrl::fromLocalFile(dir.path()));
            QVERIFY(dialog->setProperty("selectedFile", QUrl::fromLocalFile(file)));
            QMetaObject::invokeMethod(dialog, "open");
            QTRY_VERIFY(dialog->property("visible").toBool());
            screenshot(QString("dialog-") + name);
            QMetaObject::invokeMethod(dialog, "accept");
            QTRY_VERIFY(!dialog->property("visible").toBool());
        };
        const QString saved = dir.filePath("saved.json"), chrome = dir.filePath("chrome.json");
        accept("saveDialog", saved);
        QTRY_COMPARE(controller->property("status").toString(), "Wrote " + saved);
        accept("chromeDialog", chrome);
        QTRY_COMPARE(controller->property("status").toString(), "Wrote " + chrome);
        QFile c(chrome);
        QVERIFY(c.open(QIODevice::ReadOnly) && c.readAll().contains("traceEvents"));

        runScenario("join");
        QSignalSpy loaded(controller, SIGNAL(traceChanged()));
        accept("openDialog", saved);
        QTRY_COMPARE(loaded.size(), 1);
        QCOMPARE(controller->property("scenarioId").toString(), QString("mpsc"));

        // Save program as, then Open program: a file of one's own becomes the program, named by its doc comment,
        // with its constants as parameters; it runs at once.
        const QString mine = dir.filePath("mine.rs");
        accept("saveProgramDialog", mine);
        QTRY_COMPARE(controller->property("status").toString(), "Wrote " + mine);
        QFile savedProgram(mine);
        QVERIFY(savedProgram.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(savedProgram.readAll()), controller->property("source").toString());
        const QString hello = dir.filePath("hello.rs");
        QFile helloFile(hello);
        QVERIFY(helloFile.open(QIODevice::WriteOnly));
        helloFile.write("//! Hello, tasks\n//!\n//! Two greetings.\n\nuse tokio::time::{sleep, Duration};\n\n"
                        "const PAUSE_MS: u64 = 250; // param 0..=1000 ms: the pause\n\n"
                        "#[tokio::main(flavor = \"current_thread\")]\nasync fn main() {\n    println!(\"hello\");\n"
                        "    sleep(Duration::from_millis(PAUSE_MS)).await;\n    println!(\"again\");\n}\n");
        helloFile.close();
        const int before = runs();
        accept("openProgramDialog", hello);
        QTRY_VERIFY_WITH_TIMEOUT(runs() > before, 20000);
        QCOMPARE(controller->property("scenarioId").toString(), QString("hello"));
        QCOMPARE(controller->property("title").toString(), QString("Hello, tasks"));
        QCOMPARE(console(), (QStringList{"0 ms  hello", "250 ms  again"}));
        QCOMPARE(controller->property("params").toList().first().toMap().value("name").toString(), QString("pause_ms"));
        QCOMPARE(controller->property("edited").toBool(), false);
        // A directory is not a program: the message names it, and the program stays.
        QSignalSpy errors(controller, SIGNAL(errorOccurred(QString)));
        QMetaObject::invokeMethod(controller, "openProgram", Q_ARG(QUrl, QUrl::fromLocalFile(dir.path())));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().first().toString(), "cannot read " + dir.path() + ": it is a directory, not a regular file");
        QCOMPARE(controller->property("scenarioId").toString(), QString("hello"));

        // Export image: the dialog, then its file chooser inside it.
        auto* exportDialog = window->findChild<QObject*>("exportDialog");
        QMetaObject::invokeMethod(exportDialog, "open");
        QTRY_VERIFY(exportDialog->property("visible").toBool());
        const QString png = dir.filePath("chosen.png");
        accept("exportChooser", png);
        QCOMPARE(exportDialog->property("file").toUrl(), QUrl::fromLocalFile(png));
        exportDialog->setProperty("pngScale", 1);
        QMetaObject::invokeMethod(exportDialog, "accept");
        QTRY_COMPARE(controller->property("status").toString(), "Wrote " + png);
        QVERIFY(!QImage(png).isNull());
    }

    // Every file of the bad-trace corpus: File > Open names the problem, and what was open stays as it was.
    void everyBadTraceIsNamedAndNothingChanges()
    {
        runScenario("broadcast", 3);
        const QStringList before = console();
        const QString statusBefore = controller->property("status").toString();
        const auto corpus = badTraces();
        QVERIFY(corpus.size() >= 60);
        for (const auto& [path, message] : corpus) {
            QCOMPARE(openTrace(path), path + ": " + message);
            QCOMPARE(console(), before);
            QCOMPARE(controller->property("status").toString(), statusBefore);
            QCOMPARE(controller->property("scenarioId").toString(), QString("broadcast"));
            QCOMPARE(controller->property("workers").toInt(), 3);
        }
        if (!qEnvironmentVariableIsEmpty("WAKELINE_SCREENSHOT_DIR")) {  // how an impossible trace is refused
            QMetaObject::invokeMethod(controller, "openTrace", Q_ARG(QUrl, QUrl::fromLocalFile(corpus[68].first)));
            auto* dialog = window->findChild<QObject*>("errorDialog");
            QTRY_VERIFY(dialog->property("visible").toBool());
            screenshot("bad-trace-message");
            QMetaObject::invokeMethod(dialog, "close");
        }
        // The good corpus loads, and the window walks each trace from start to end without a fault.
        auto* playback = window->findChild<QObject*>("playback");
        for (const QString& name : QDir(WAKELINE_GOOD_TRACES_DIR).entryList({"*.json"})) {
            const QString path = QString(WAKELINE_GOOD_TRACES_DIR "/") + name;
            const QString outcome = openTrace(path);
            if (!outcome.isEmpty()) {
                QVERIFY2(outcome.startsWith(path + ": "), qPrintable(outcome));  // a seed that is bad on purpose
                continue;
            }
            QMetaObject::invokeMethod(playback, "toEnd");
            QMetaObject::invokeMethod(playback, "toStart");
            for (int i = 0; i < 2000 && playback->property("eventIndex").toInt() < events(); ++i)
                QMetaObject::invokeMethod(playback, "stepNext");
        }
    }

    // File > Import tokio run: a real tokio run recorded by wakeline-capture is drawn with its three lanes, and its
    // title says what tokio does not record. Each malformed capture is named with its line, and what was open stays.
    void importingARealTokioRun()
    {
        runScenario("broadcast", 3);
        const QStringList before = console();
        const QString statusBefore = controller->property("status").toString();
        for (const auto& [path, message] : badTokioCaptures()) {
            QCOMPARE(openTrace(path, "importTokioRun"), path + ": " + message);
            QCOMPARE(console(), before);
            QCOMPARE(controller->property("status").toString(), statusBefore);
            QCOMPARE(controller->property("scenarioId").toString(), QString("broadcast"));
        }
        QObject* dialog = window->findChild<QObject*>("importTokioDialog");
        QVERIFY(dialog);
        const QString capture = WAKELINE_TOKIO_TRACES_DIR "/two_workers.jsonl";
        QSignalSpy loaded(controller, SIGNAL(traceChanged()));
        QVERIFY(dialog->setProperty("selectedFile", QUrl::fromLocalFile(capture)));
        QMetaObject::invokeMethod(dialog, "open");
        QTRY_VERIFY(dialog->property("visible").toBool());
        QMetaObject::invokeMethod(dialog, "accept");
        QTRY_COMPARE(loaded.size(), 1);
        QVERIFY2(controller->property("status").toString().startsWith(
                     "two_workers.jsonl · two_workers · real tokio, imported · 3 threads polling · "),
                 qPrintable(controller->property("status").toString()));
        QCOMPARE(console(), QStringList());  // tokio records no printed lines, and none are made up
        QObject* note = window->findChild<QObject*>("traceNote");
        QVERIFY(note && note->property("visible").toBool());
        QVERIFY(note->property("text").toString().contains("the program on the right is not what ran"));
        auto* playback = window->findChild<QObject*>("playback");
        QMetaObject::invokeMethod(playback, "toStart");
        for (int i = 0; i < 40; ++i)
            QMetaObject::invokeMethod(playback, "stepNext");
        screenshot("tokio-import");
        for (int i = 0; i < 5000 && playback->property("eventIndex").toInt() < events(); ++i)
            QMetaObject::invokeMethod(playback, "stepNext");
        QCOMPARE(playback->property("eventIndex").toInt(), events());
        runScenario("join");  // a run of Wakeline's own says nothing more
        QVERIFY(!note->property("visible").toBool());
    }

    // Opening a trace takes the run's own options: a new Run reruns what the file shows.
    void anOpenedTraceBringsItsOptions()
    {
        controller->setProperty("scenarioId", "many_sleepers");
        controller->setProperty("workers", 2);
        controller->setProperty("seed", 7);
        QMetaObject::invokeMethod(controller, "setParam", Q_ARG(QString, "tasks"), Q_ARG(double, 4.0));
        runScenario("many_sleepers");
        QTemporaryDir dir;
        const QString path = dir.filePath("sleepers.json");
        bool ok = false;
        QMetaObject::invokeMethod(controller, "saveTrace", Q_RETURN_ARG(bool, ok), Q_ARG(QUrl, QUrl::fromLocalFile(path)));
        QVERIFY(ok);
        controller->setProperty("scenarioId", "join");
        controller->setProperty("workers", 1);
        controller->setProperty("seed", 1);
        QCOMPARE(openTrace(path), QString());
        QCOMPARE(controller->property("scenarioId").toString(), QString("many_sleepers"));
        QCOMPARE(controller->property("workers").toInt(), 2);
        QCOMPARE(controller->property("seed").toInt(), 7);
        QCOMPARE(controller->property("threaded").toBool(), false);
        bool tasksSeen = false;
        for (const QVariant& p : controller->property("params").toList())
            if (p.toMap()["name"].toString() == "tasks") {
                QCOMPARE(p.toMap()["value"].toDouble(), 4.0);
                tasksSeen = true;
            }
        QVERIFY(tasksSeen);
    }

    // A big file reads off the GUI thread with progress, and Cancel leaves what was open untouched.
    void aBigTraceShowsProgressAndCanBeCancelled()
    {
        runScenario("join");
        const QStringList before = console();
        QTemporaryDir dir;
        const QString path = dir.filePath("big.json");
        {
            // One task woken during each of 1.5 million polls: valid, about 100 MB.
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("{\"format\": \"wakeline-trace\", \"version\": 1, \"scenario\": \"big\", \"mode\": \"simulated\", "
                    "\"workers\": 1, \"seed\": \"1\", \"duration_ns\": 0, \"params\": [], \"lanes\": [{\"kind\": "
                    "\"worker\", \"name\": \"worker 0\"}], \"tasks\": [{\"id\": 1, \"name\": \"main\", \"parent\": 0, "
                    "\"site\": 0, \"kind\": \"task\"}], \"resources\": [], \"strings\": [], \"events\": [\n"
                    "[0, \"spawned\", 1, -1, 0, 0, 0, 0, 0]");
            const QByteArray poll = ",\n[0, \"poll_start\", 1, 0, 0, 0, 0, 0, 0],\n[0, \"wake\", 1, -1, 2, 1, 0, 0, 0],"
                                    "\n[0, \"poll_end\", 1, 0, 0, 0, 0, 0, 0]";
            QByteArray block;
            for (int i = 0; i < 10000; ++i)
                block += poll;
            for (int i = 0; i < 150; ++i)
                f.write(block);
            f.write(",\n[0, \"poll_start\", 1, 0, 0, 0, 0, 0, 0],\n[0, \"poll_end\", 1, 0, 1, 0, 0, 0, 0],"
                    "\n[0, \"completed\", 1, 0, 0, 0, 0, 0, 0]]}\n");
        }
        QSignalSpy errors(controller, SIGNAL(errorOccurred(QString)));
        QSignalSpy loaded(controller, SIGNAL(traceChanged()));
        QMetaObject::invokeMethod(controller, "openTrace", Q_ARG(QUrl, QUrl::fromLocalFile(path)));
        QVERIFY(controller->property("loading").toBool());
        QVERIFY(findItem(window->contentItem(), "cancelButton")->property("visible").toBool());
        QTRY_VERIFY_WITH_TIMEOUT(controller->property("progress").toString().startsWith("Reading big.json: "), 20000);
        QMetaObject::invokeMethod(controller, "cancel");
        QTRY_VERIFY(!controller->property("loading").toBool());
        QTest::qWait(100);
        QCOMPARE(errors.size(), 0);  // a cancel is not an error
        QCOMPARE(loaded.size(), 0);
        QCOMPARE(console(), before);
        QVERIFY(!findItem(window->contentItem(), "cancelButton")->property("visible").toBool());
        // Read whole, the same file opens.
        QCOMPARE(openTrace(path), QString());
        QCOMPARE(events(), 4500004);
    }

    // At 1366x768 every place of the stage stays in view, and the timeline shows every task row of these
    // scenarios with readable names, at the start, in the middle and at the end of playback.
    void aSmallScreenShowsEveryPlaceAndRow()
    {
        auto* playback = window->findChild<QObject*>("playback");
        auto* stage = qobject_cast<QQuickItem*>(window->findChild<QObject*>("stage"));
        const QSize original = window->size();
        window->resize(QSize(1366, 768));
        for (const char* id : {"join", "select", "semaphore", "mpsc_backpressure", "tasks_vs_threads", "many_tasks"}) {
            runScenario(id);
            QMetaObject::invokeMethod(playback, "pause");
            for (double at : {0.0, 0.5, 1.0}) {
                playback->setProperty("position", playback->property("end").toDouble() * at);
                QTRY_VERIFY(stage->height() > 100);
                QVERIFY2(stage->property("contentBottom").toDouble() <= stage->height(),
                         qPrintable(QString("%1 at %2: places reach %3 px of a %4 px stage").arg(id).arg(at)
                                        .arg(stage->property("contentBottom").toDouble()).arg(stage->height())));
            }
            if (std::string(id) != "many_tasks") {  // ten thousand tasks are a count, not rows
                // tasks_vs_threads has 9 lanes (4 workers, 5 threads) and 11 tasks: at this size all of its rows
                // fit at a readable height in the tasks view (the toolbar's view box), not beside 9 lanes.
                const bool crowded = std::string(id) == "tasks_vs_threads";
                timeline->setProperty("view", crowded ? 2 : 0);
                const int rows = timeline->property("taskRowCount").toInt();
                QVERIFY(rows > 0);
                QTRY_VERIFY2(timeline->property("shownTaskRows").toInt() == rows,
                             qPrintable(QString("%1: %2 of %3 task rows shown").arg(id)
                                            .arg(timeline->property("shownTaskRows").toInt()).arg(rows)));
                // Rows of 13 px or more carry names of 10 px (TimelineLayout's nameSize).
                QVERIFY2(timeline->property("taskRowHeight").toDouble() >= 13,
                         qPrintable(QString("%1: rows of %2 px").arg(id).arg(timeline->property("taskRowHeight").toDouble())));
                timeline->setProperty("view", 0);
            }
        }
        window->resize(original);
    }

    void moreScreenshots()
    {
        if (qEnvironmentVariableIsEmpty("WAKELINE_SCREENSHOT_DIR"))
            QSKIP("screenshots only when WAKELINE_SCREENSHOT_DIR is set");
        auto* playback = window->findChild<QObject*>("playback");
        controller->setProperty("stepAxis", true);  // a simulated run's default, as a user first sees it
        // The sizes, mid-playback on the step axis.
        const QSize original = window->size();
        for (const QSize size : {QSize(1366, 768), QSize(1920, 1080)}) {
            window->resize(size);
            for (const char* id : {"join", "select", "semaphore", "tasks_vs_threads", "many_tasks"}) {
                runScenario(id);
                QMetaObject::invokeMethod(playback, "pause");
                playback->setProperty("position", playback->property("end").toDouble() / 2);
                screenshot(QString("size-%1-%2").arg(size.width()).arg(id));
            }
        }
        window->resize(original);
        const std::vector<std::tuple<QString, double, int, bool>> shots = {
            {"join", 1500, 2, false}, {"select", 600, 3, false}, {"broadcast", 150, 3, false},
            {"cpu_starvation", 600, 2, false}, {"mpsc_backpressure", 500, 2, true}};
        for (const auto& [id, at, task, dark] : shots) {
            window->setProperty("followSystem", false);
            window->setProperty("chosenDark", dark);
            runScenario(id);
            QMetaObject::invokeMethod(playback, "pause");
            playback->setProperty("playhead", at);
            timeline->setProperty("selectedTask", task);
            screenshot("window-" + id);
        }
        window->setProperty("chosenDark", false);
        window->setProperty("followSystem", true);
    }

    void cleanupTestCase() { delete engine; }
};

int main(int argc, char** argv)
{
    QGuiApplication app(argc, argv);
    // The window remembers things (geometry, theme): give each run an empty place for them.
    QTemporaryDir settings;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settings.path());
    QGuiApplication::setOrganizationName("WakelineTests");
    TstWindow test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_window.moc"
