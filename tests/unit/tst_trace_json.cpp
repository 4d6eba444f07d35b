// The native trace file: lossless round trips, atomic saves, and a specific message for each kind of bad input.
#include "TraceQuery.h"
#include "scenarios/Scenario.h"
#include "trace/TraceJson.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace wl;

namespace {
Trace sample()
{
    return runScenario(*findScenario("select"), {});
}

// The sample trace's JSON with one edit applied to the parsed document.
std::string edited(const std::function<void(QJsonObject&)>& edit)
{
    QJsonObject root = QJsonDocument::fromJson(QByteArray::fromStdString(traceToJson(sample()))).object();
    edit(root);
    return QJsonDocument(root).toJson().toStdString();
}

void setEvent(QJsonObject& root, int index, int field, const QJsonValue& value)
{
    QJsonArray events = root["events"].toArray();
    QJsonArray e = events[index].toArray();
    e[field] = value;
    events[index] = e;
    root["events"] = events;
}
}  // namespace

class TstTraceJson : public QObject {
    Q_OBJECT
private slots:
    void roundTripIsLossless_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<int>("mode");
        for (const auto& s : allScenarios())
            QTest::addRow("%s", s.id.c_str()) << QString::fromStdString(s.id) << int(Mode::Simulated);
        QTest::addRow("many_sleepers threaded") << QString("many_sleepers") << int(Mode::Threaded);
    }
    void roundTripIsLossless()
    {
        QFETCH(QString, scenario);
        QFETCH(int, mode);
        RunOptions options;
        options.mode = Mode(mode);
        options.seed = 18446744073709551615ull;  // the largest seed survives (it is written as a string)
        const Trace original = runScenario(*findScenario(scenario.toStdString()), options);
        WL_REQUIRE_CLEAN(original);
        const std::string json = traceToJson(original);
        const auto back = traceFromJson(json);
        QVERIFY2(back.trace, back.error.c_str());
        QVERIFY(*back.trace == original);
        QCOMPARE(traceToJson(*back.trace), json);
    }

    void textWithQuotesNewlinesAndUnicodeSurvives()
    {
        Trace t = sample();
        t.strings.push_back("say \"hi\"\n\ttab \\ back 72°F ✓ \x01");
        t.tasks[0].name = "main \"quoted\"";
        const auto back = traceFromJson(traceToJson(t));
        QVERIFY2(back.trace, back.error.c_str());
        QVERIFY(*back.trace == t);
    }

    void saveAndLoadThroughAFile()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("run.json").toStdString();
        std::string error;
        QVERIFY(saveTraceJson(sample(), path, &error));
        const auto loaded = loadTraceJson(path);
        QVERIFY2(loaded.trace, loaded.error.c_str());
        QVERIFY(*loaded.trace == sample());
    }

    void aFailedSaveLeavesTheOldFileAlone()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("run.json");
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("old contents");
        }
        QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::ExeOwner);  // the directory is read-only now
        std::string error;
        const bool saved = saveTraceJson(sample(), path.toStdString(), &error);
        QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        if (saved)
            QSKIP("running as a user who can write anywhere (root): the failure cannot be provoked here");
        QVERIFY(error.find("cannot write " + path.toStdString()) == 0);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("old contents"));
    }

    void savingOverADirectoryFailsAndKeepsIt()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir("run.json"));
        QFile inside(dir.filePath("run.json/keep.txt"));
        QVERIFY(inside.open(QIODevice::WriteOnly));
        inside.write("kept");
        inside.close();
        std::string error;
        QVERIFY(!saveTraceJson(sample(), dir.filePath("run.json").toStdString(), &error));
        QVERIFY2(error.find("cannot write " + dir.filePath("run.json").toStdString()) == 0, error.c_str());
        QVERIFY(QFileInfo(dir.filePath("run.json")).isDir());
        QVERIFY(QFile::exists(dir.filePath("run.json/keep.txt")));
    }

    void unwritablePathsAreReported()
    {
        std::string error;
        QVERIFY(!saveTraceJson(sample(), "/nonexistent-dir/run.json", &error));
        QVERIFY2(error.find("cannot write /nonexistent-dir/run.json") == 0, error.c_str());
        const auto missing = loadTraceJson("/nonexistent-dir/run.json");
        QVERIFY(!missing.trace);
        QVERIFY2(missing.error.find("cannot read /nonexistent-dir/run.json") == 0, missing.error.c_str());
    }

    void malformedInputIsRejectedWithItsOwnMessage_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("message");
        auto row = [](const char* name, const std::string& input, const char* message) {
            QTest::newRow(name) << QByteArray::fromStdString(input) << QString::fromUtf8(message);
        };
        row("empty", "", "not valid JSON at line 1, column 1: the document is empty");
        row("truncated", traceToJson(sample()).substr(0, 200),
            "not valid JSON at line 10, column 6: missing a closing quotation mark in string");
        row("top-level array", "[1, 2]", "expected a JSON object at the top level, found an array");
        row("wrong format", edited([](QJsonObject& r) { r["format"] = "chrome-trace"; }),
            "format: expected \"wakeline-trace\", found \"chrome-trace\"");
        row("future version", edited([](QJsonObject& r) { r["version"] = 7; }),
            "version: this build reads version 1, found 7");
        row("missing events", edited([](QJsonObject& r) { r.remove("events"); }), "events: missing field");
        row("workers as text", edited([](QJsonObject& r) { r["workers"] = "four"; }),
            "workers: expected a whole number, found a string");
        row("too many workers", edited([](QJsonObject& r) { r["workers"] = 10000; }),
            "workers: expected a number between 1 and 64, found 10000");
        row("unknown mode", edited([](QJsonObject& r) { r["mode"] = "fast"; }),
            "mode: expected \"simulated\", \"threaded\" or \"tokio\", found \"fast\"");
        row("negative seed", edited([](QJsonObject& r) { r["seed"] = "-1"; }),
            "seed: expected an unsigned decimal number in a string, found \"-1\"");
        row("task ids out of order", edited([](QJsonObject& r) {
                QJsonArray tasks = r["tasks"].toArray();
                QJsonObject t = tasks[1].toObject();
                t["id"] = 5;
                tasks[1] = t;
                r["tasks"] = tasks;
            }),
            "tasks[1].id: expected 2 (ids count up from 1), found 5");
        row("unknown task kind", edited([](QJsonObject& r) {
                QJsonArray tasks = r["tasks"].toArray();
                QJsonObject t = tasks[0].toObject();
                t["kind"] = "thread";
                tasks[0] = t;
                r["tasks"] = tasks;
            }),
            "tasks[0].kind: expected \"task\", \"future\" or \"blocking\", found \"thread\"");
        row("short event", edited([](QJsonObject& r) {
                QJsonArray events = r["events"].toArray();
                events[3] = QJsonArray{0, "wake", 1};
                r["events"] = events;
            }),
            "events[3]: expected 9 values [time, kind, task, lane, detail, peer, resource, value, site], found 3");
        row("unknown event kind", edited([](QJsonObject& r) { setEvent(r, 2, 1, "polll"); }),
            "events[2][1] (kind): unknown event kind \"polll\"");
        row("time backwards", edited([](QJsonObject& r) {
                setEvent(r, 5, 0, 2000000000.0);
            }),
            "events[6][0] (time): expected events in time order, found 0 ns after 2000000000 ns");
        row("unknown task in event", edited([](QJsonObject& r) { setEvent(r, 1, 2, 99); }),
            "events[1][2] (task): task 99 does not exist (the trace has 3 tasks)");
        row("unknown lane", edited([](QJsonObject& r) { setEvent(r, 1, 3, 9); }),
            "events[1][3] (lane): lane 9 does not exist (the trace has 1 lanes)");
        row("fractional time", edited([](QJsonObject& r) { setEvent(r, 1, 0, 0.5); }),
            "events[1][0] (time): expected a whole number, found 0.5");
        row("bad detail", edited([](QJsonObject& r) { setEvent(r, 0, 4, 7); }),  // events[0]: main spawned
            "events[0][4] (detail): expected a number between 0 and 0, found 7");
        row("print of a missing string", edited([](QJsonObject& r) {
                QJsonArray events = r["events"].toArray();
                for (qsizetype i = 0; i < events.size(); ++i) {
                    QJsonArray e = events[i].toArray();
                    if (e[1] == "print") {
                        e[7] = 42;
                        events[i] = e;
                        break;
                    }
                }
                r["events"] = events;
            }),
            "events[22][7] (value): string 42 does not exist (the trace has 2 strings)");
    }
    void malformedInputIsRejectedWithItsOwnMessage()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, message);
        const auto result = traceFromJson(input.toStdString());
        QVERIFY(!result.trace);
        QCOMPARE(QString::fromStdString(result.error), message);
    }
};

QTEST_GUILESS_MAIN(TstTraceJson)
#include "tst_trace_json.moc"
