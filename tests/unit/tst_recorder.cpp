// The Recorder's merge: every thread's events in one trace, by time, ties in buffer order, each thread's strings
// moved to the merged table, a buffer recorded out of order sorted stably, and runs long enough to fill pooled
// blocks (the chunks after the first).
#include "trace/Recorder.h"

#include <QTest>

#include <barrier>
#include <thread>

using namespace wl;

namespace {
Event at(std::int64_t time, TaskId task, std::int64_t value = 0, EventKind kind = EventKind::PollStart)
{
    Event e;
    e.time = time;
    e.task = task;
    e.value = value;
    e.kind = kind;
    return e;
}

// Records `events` on a thread of its own, after the threads before it (so buffers attach in this order).
void recordOnThread(Recorder& r, const std::vector<Event>& events, const std::vector<std::string>& strings = {})
{
    std::thread([&] {
        for (const auto& s : strings)
            r.addString(s);
        for (const auto& e : events)
            r.record(e);
    }).join();
}
}  // namespace

class TestRecorder : public QObject {
    Q_OBJECT
private slots:
    void mergesByTimeWithTiesInBufferOrder()
    {
        Recorder r;
        recordOnThread(r, {at(1, 1), at(5, 1), at(5, 2), at(9, 1)});
        recordOnThread(r, {at(0, 3), at(5, 3), at(6, 3)});
        recordOnThread(r, {at(5, 4), at(10, 4)});
        Trace t;
        r.finish(t);
        std::vector<std::pair<std::int64_t, TaskId>> got;
        for (const auto& e : t.events)
            got.push_back({e.time, e.task});
        const std::vector<std::pair<std::int64_t, TaskId>> want{{0, 3}, {1, 1}, {5, 1}, {5, 2}, {5, 3},
                                                                {5, 4}, {6, 3}, {9, 1}, {10, 4}};
        QCOMPARE(got, want);
    }

    void stringsPointIntoTheMergedTable()
    {
        Recorder r;
        recordOnThread(r, {at(2, 1, 1, EventKind::Print), at(4, 1, 0, EventKind::Print)}, {"a0", "a1"});
        recordOnThread(r, {at(1, 2, 0, EventKind::Print), at(3, 2, 7)}, {"b0"});
        Trace t;
        r.finish(t);
        QCOMPARE(t.events.size(), std::size_t(4));
        QCOMPARE(t.strings.at(std::size_t(t.events[0].value)), std::string("b0"));
        QCOMPARE(t.strings.at(std::size_t(t.events[1].value)), std::string("a1"));
        QCOMPARE(t.events[2].value, std::int64_t(7));  // not a string: left alone
        QCOMPARE(t.strings.at(std::size_t(t.events[3].value)), std::string("a0"));
    }

    void outOfOrderBufferIsSortedStably()
    {
        Recorder r;
        recordOnThread(r, {at(3, 1), at(1, 2), at(3, 3), at(2, 4), at(1, 5)});
        Trace t;
        r.finish(t);
        std::vector<TaskId> order;
        for (const auto& e : t.events)
            order.push_back(e.task);
        QCOMPARE(order, (std::vector<TaskId>{2, 5, 4, 1, 3}));
    }

    void longInterleavedRunsSpanManyBlocks()
    {
        // Four threads, 150,000 events each, interleaved in time (thread i records times i, i+4, i+8, ...) with
        // a run of three at each step: the merge must give every time once, in order.
        Recorder r;
        constexpr int kThreads = 4, kSteps = 50'000;
        std::barrier start(kThreads);
        std::vector<std::thread> threads;
        for (int i = 0; i < kThreads; ++i)
            threads.emplace_back([&, i] {
                start.arrive_and_wait();
                for (int s = 0; s < kSteps; ++s)
                    for (int k = 0; k < 3; ++k)
                        r.record(at(std::int64_t(s) * kThreads * 3 + i * 3 + k, TaskId(i + 1)));
            });
        for (auto& t : threads)
            t.join();
        Trace t;
        r.finish(t);
        QCOMPARE(t.events.size(), std::size_t(kThreads * kSteps * 3));
        for (std::size_t n = 0; n < t.events.size(); ++n)
            if (t.events[n].time != std::int64_t(n))
                QFAIL(qPrintable(QString("event %1 has time %2").arg(n).arg(t.events[n].time)));
    }

    void extendWorkLengthensTheLastCpuWork()
    {
        Recorder r;
        Event work = at(10, 1, 5, EventKind::CpuWork);
        work.worker = 0;
        r.record(work);
        QVERIFY(r.extendWork(1, 0, 15, 20));
        QVERIFY(!r.extendWork(1, 0, 14, 1));  // does not start where the last one ended
        QVERIFY(!r.extendWork(2, 0, 35, 1));  // another future's
        Trace t;
        r.finish(t);
        QCOMPARE(t.events.size(), std::size_t(1));
        QCOMPARE(t.events[0].value, std::int64_t(25));
    }
};

QTEST_GUILESS_MAIN(TestRecorder)
#include "tst_recorder.moc"
