// What each waiting stretch waits on (TimelineModel's WaitReason), known from the wake that ends it: join's arms on
// their timers while main waits on its join; select's the same; the semaphore's requests on a permit; the
// backpressure producer on room to send and the consumer on a message.
#include "scenarios/Scenario.h"
#include "timeline/TimelineModel.h"

#include <QTest>

#include <map>

using namespace wl;

namespace {
Trace run(const char* id) { return runScenario(*findScenario(id), {}); }

// Per task name, the reasons of its waiting stretches that ended with a wake, in order, as words.
std::map<std::string, QStringList> reasons(const Trace& t, const TimelineModel& m)
{
    std::map<std::string, QStringList> out;
    for (const TaskRow& row : m.rows)
        for (const TaskSegment& s : row.segments)
            if (s.state == TaskState::Waiting && s.end > s.start && s.reason != WaitReason::NotPolled) {
                QString word = QString::fromUtf8(waitReasonName(s.reason).data());
                if (s.reason == WaitReason::Timer || s.reason == WaitReason::Receive || s.reason == WaitReason::Send
                    || s.reason == WaitReason::Permit)
                    word += " " + QString::fromStdString(t.resourceName(ResourceId(s.on)));
                out[row.name] << word;
            }
    return out;
}

// Every stretch that a wake ended has a reason.
void everyWokenStretchHasAReason(const TimelineModel& m)
{
    for (const TaskRow& row : m.rows)
        for (size_t i = 0; i + 1 < row.segments.size(); ++i)
            if (row.segments[i].state == TaskState::Waiting && row.segments[i].end > row.segments[i].start)
                QVERIFY2(row.segments[i].reason != WaitReason::Unknown, row.name.c_str());
}
}  // namespace

class TstWaitReasons : public QObject {
    Q_OBJECT
private slots:
    void join()
    {
        const Trace t = run("join");
        const TimelineModel m = TimelineModel::build(t);
        everyWokenStretchHasAReason(m);
        const auto r = reasons(t, m);
        QCOMPARE(r.at("main"), (QStringList{"arms", "arms"}));  // woken through fetch_humidity, then fetch_temperature
        QCOMPARE(r.at("fetch_humidity()"), (QStringList{"timer sleep 1 s"}));
        // Polled again at 1 s when main was woken: it goes on waiting on its timer.
        QCOMPARE(r.at("fetch_temperature()"), (QStringList{"timer sleep 2 s", "timer sleep 2 s"}));
    }

    void select()
    {
        const Trace t = run("select");
        const TimelineModel m = TimelineModel::build(t, TimelineAxis::Steps);  // the axis does not change them
        everyWokenStretchHasAReason(m);
        const auto r = reasons(t, m);
        QCOMPARE(r.at("main"), (QStringList{"arms"}));
        QCOMPARE(r.at("fast_source()"), (QStringList{"timer sleep 1 s"}));  // its sleep woke it
        // Polled again at 1 s with main, still waiting on its sleep, then dropped a step later.
        QCOMPARE(r.at("slow_source()"), (QStringList{"timer sleep 3 s", "timer sleep 3 s"}));
    }

    void semaphore()
    {
        const Trace t = run("semaphore");
        const TimelineModel m = TimelineModel::build(t);
        everyWokenStretchHasAReason(m);
        int permits = 0;
        for (const auto& [name, words] : reasons(t, m))
            for (const QString& w : words)
                permits += w.startsWith("permit ");
        QCOMPARE(permits, 3);  // 5 requests, 2 permits: requests 3, 4 and 5 each wait once for one
    }

    void mpscBackpressure()
    {
        const Trace t = run("mpsc_backpressure");
        const TimelineModel m = TimelineModel::build(t);
        everyWokenStretchHasAReason(m);
        const auto r = reasons(t, m);
        int sends = 0, receives = 0;
        for (const auto& [name, words] : r)
            for (const QString& w : words) {
                sends += w.startsWith("send ");
                receives += w.startsWith("receive ");
                QVERIFY2(!w.startsWith("channel"), qPrintable(name.c_str() + (": " + w)));  // the direction is known
            }
        QCOMPARE(sends, 3);  // the producer waits for room three times; main, which sleeps between receives, never
        QCOMPARE(receives, 0);  // waits for a message
    }

    // A task still parked at the end, that nothing woke, was never woken; one the runtime dropped is not.
    void aTaskParkedAtTheEndWasNeverWoken()
    {
        const Trace t = run("background_poll");
        const TimelineModel m = TimelineModel::build(t);
        for (const TaskRow& row : m.rows)
            for (const TaskSegment& s : row.segments)
                QVERIFY(s.reason != WaitReason::NeverWoken || row.end == TaskEnd::StillAlive);
    }
};

QTEST_MAIN(TstWaitReasons)
#include "tst_wait_reasons.moc"
