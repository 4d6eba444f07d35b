// The Chrome Trace Event export: valid JSON with a track per lane, a slice per poll named after its task, and
// for every wake that scheduled a poll an instant plus a uniquely numbered flow ending at that poll.
#include "TraceQuery.h"
#include "scenarios/Scenario.h"
#include "trace/ChromeTrace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <map>
#include <set>

using namespace wl;
using namespace wl::test;

namespace {
QJsonArray exported(const Trace& t)
{
    QJsonParseError err{};
    const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(traceToChromeJson(t)), &err);
    if (err.error != QJsonParseError::NoError)
        qFatal("chrome export is not JSON: %s", qPrintable(err.errorString()));
    return doc.object()["traceEvents"].toArray();
}
}  // namespace

class TstChromeTrace : public QObject {
    Q_OBJECT
private slots:
    void aTrackPerLaneWithItsName()
    {
        RunOptions options;
        options.workers = 3;
        const Trace t = runScenario(*findScenario("many_sleepers"), options);
        std::map<int, QString> names;
        for (const auto& v : exported(t)) {
            const auto o = v.toObject();
            if (o["ph"] == "M" && o["name"] == "thread_name")
                names[o["tid"].toInt()] = o["args"].toObject()["name"].toString();
        }
        QCOMPARE(names.size(), size_t(4));
        QCOMPARE(names[0], QString("runtime (timers)"));
        QCOMPARE(names[1], QString("worker 0"));
        QCOMPARE(names[3], QString("worker 2"));
    }

    void aSlicePerPollNamedAfterItsTask()
    {
        const Trace t = runScenario(*findScenario("join"), {});
        size_t slices = 0;
        std::multiset<QString> sliceNames;
        for (const auto& v : exported(t)) {
            const auto o = v.toObject();
            if (o["ph"] == "X" && o["cat"] == "poll") {
                ++slices;
                sliceNames.insert(o["name"].toString());
                QVERIFY(o.contains("dur"));
                QCOMPARE(o["tid"].toInt(), 1);
            }
        }
        QCOMPARE(slices, eventsOf(t, EventKind::PollStart).size());
        // main is polled 3 times (start, humidity ready, temperature ready); each arm twice.
        QCOMPARE(sliceNames.count("main"), size_t(3));
        QCOMPARE(sliceNames.count("fetch_temperature()"), size_t(3));
        QCOMPARE(sliceNames.count("fetch_humidity()"), size_t(2));
    }

    void everyWakeHasAnInstantAndEachSchedulingWakeAUniqueFlowToItsPoll()
    {
        RunOptions options;
        options.workers = 4;
        const Trace t = runScenario(*findScenario("many_sleepers"), options);
        const auto events = exported(t);
        size_t instants = 0;
        std::map<int, QJsonObject> starts, finishes;
        for (const auto& v : events) {
            const auto o = v.toObject();
            if (o["ph"] == "i" && o["cat"] == "wake")
                ++instants;
            if (o["ph"] == "s") {
                QVERIFY2(!starts.count(o["id"].toInt()), "flow id used twice");
                starts[o["id"].toInt()] = o;
            }
            if (o["ph"] == "f") {
                QCOMPARE(o["bp"].toString(), QString("e"));
                finishes[o["id"].toInt()] = o;
            }
        }
        QCOMPARE(instants, eventsOf(t, EventKind::Wake).size());
        size_t scheduling = 0;
        for (const auto& e : eventsOf(t, EventKind::Wake))
            scheduling += e.detail == std::uint8_t(WakeOutcome::Scheduled) || e.detail == std::uint8_t(WakeOutcome::WhileRunning);
        QCOMPARE(starts.size(), scheduling);
        QCOMPARE(finishes.size(), starts.size());
        for (const auto& [id, s] : starts) {
            QVERIFY(finishes.count(id));
            QVERIFY(finishes[id]["ts"].toDouble() >= s["ts"].toDouble());
        }
        // A timer's wake starts in a driver poll slice on the worker that polled the driver; the poll it causes
        // is on a worker.
        std::set<std::pair<int, double>> driverPolls;
        for (const auto& v : events) {
            const auto o = v.toObject();
            if (o["ph"] == "X" && o["name"] == "driver poll")
                driverPolls.insert({o["tid"].toInt(), o["ts"].toDouble()});
        }
        QVERIFY(!driverPolls.empty());
        size_t timerFlows = 0;
        for (const auto& [id, s] : starts)
            if (driverPolls.count({s["tid"].toInt(), s["ts"].toDouble()})) {
                QVERIFY(s["tid"].toInt() >= 1);
                QVERIFY(finishes[id]["tid"].toInt() >= 1);
                ++timerFlows;
            }
        QVERIFY(timerFlows >= 10);
    }

    void printsAndCancellationsAreInstants()
    {
        const Trace t = runScenario(*findScenario("select"), {});
        QStringList prints, cancelled;
        for (const auto& v : exported(t)) {
            const auto o = v.toObject();
            if (o["ph"] == "i" && o["cat"] == "print")
                prints << o["name"].toString();
            if (o["ph"] == "i" && o["cat"] == "lifecycle")
                cancelled << o["name"].toString() + ": " + o["args"].toObject()["reason"].toString();
        }
        QCOMPARE(prints, (QStringList{"Fast source answered", "First completed: fast"}));
        QCOMPARE(cancelled, (QStringList{"cancelled slow_source(): dropped by combinator"}));
    }
};

QTEST_GUILESS_MAIN(TstChromeTrace)
#include "tst_chrome_trace.moc"
