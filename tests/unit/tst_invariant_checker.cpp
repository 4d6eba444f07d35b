// The invariant checker catches every rule it claims to check: each case breaks one rule in a hand-made trace.
#include "TraceQuery.h"

#include <QTest>

using namespace wl;

namespace {
Event ev(std::int64_t time, EventKind kind, TaskId task, LaneId lane = 0, std::uint8_t detail = 0, TaskId peer = 0)
{
    Event e;
    e.time = time;
    e.kind = kind;
    e.task = task;
    e.worker = lane;
    e.detail = detail;
    e.peer = peer;
    return e;
}
constexpr auto Pending = std::uint8_t(PollResult::Pending);
constexpr auto Ready = std::uint8_t(PollResult::Ready);

// One task on two workers: spawned, polled (Pending), woken by a timer, polled (Ready), completed.
Trace valid()
{
    Trace t;
    t.workers = 2;
    t.lanes = {{LaneKind::Worker, "worker 0"}, {LaneKind::Worker, "worker 1"}};
    t.tasks = {{1, "main", 0, 0, TaskKind::Task}};
    t.resources = {{1, "timer", "sleep 1 s"}};
    Event wake = ev(10, EventKind::Wake, 1, kNoLane);
    wake.resource = 1;
    t.events = {ev(0, EventKind::TaskSpawned, 1, kNoLane), ev(1, EventKind::PollStart, 1, 0),
                ev(2, EventKind::PollEnd, 1, 0, Pending), wake, ev(11, EventKind::PollStart, 1, 1),
                ev(12, EventKind::PollEnd, 1, 1, Ready), ev(13, EventKind::TaskCompleted, 1, 1)};
    return t;
}

Event queued(std::int64_t time, TaskId task, LaneId queue, QueuePlace place, std::int64_t from = -1)
{
    Event e = ev(time, EventKind::Queued, task, queue, std::uint8_t(place));
    e.value = from;
    return e;
}

// Two tasks on two workers with run queues recorded: main is queued globally and polled on worker 0, where it
// spawns t (LIFO slot of worker 0); worker 1 cannot take it, so worker 0 polls it after main; t sleeps and its timer
// fires in a driver poll of worker 1, which queues it in its own LIFO slot and polls it.
Trace queuedValid()
{
    Trace t;
    t.workers = 2;
    t.lanes = {{LaneKind::Worker, "worker 0"}, {LaneKind::Worker, "worker 1"}};
    t.tasks = {{1, "main", 0, 0, TaskKind::Task}, {2, "t", 1, 0, TaskKind::Task}};
    t.resources = {{1, "timer", "sleep 1 s"}};
    Event driver = ev(10, EventKind::DriverPoll, 0, 1);
    driver.value = 1;
    Event fired = ev(10, EventKind::TimerFired, 0, 1);
    fired.resource = 1;
    Event wake = ev(10, EventKind::Wake, 2, 1);
    wake.resource = 1;
    t.events = {ev(0, EventKind::TaskSpawned, 1, kNoLane), queued(0, 1, kNoLane, QueuePlace::Global),
                ev(1, EventKind::PollStart, 1, 0), ev(2, EventKind::TaskSpawned, 2, 0, 0, 1),
                queued(2, 2, 0, QueuePlace::LifoSlot), ev(3, EventKind::PollEnd, 1, 0, Ready),
                ev(3, EventKind::TaskCompleted, 1, 0), ev(4, EventKind::PollStart, 2, 0),
                ev(5, EventKind::PollEnd, 2, 0, Pending), driver, fired, wake, queued(10, 2, 1, QueuePlace::LifoSlot),
                ev(11, EventKind::PollStart, 2, 1), ev(12, EventKind::PollEnd, 2, 1, Ready),
                ev(12, EventKind::TaskCompleted, 2, 1)};
    return t;
}

std::string violations(const Trace& t)
{
    return describe(checkInvariants(t));
}
}  // namespace

class TstInvariantChecker : public QObject {
    Q_OBJECT
private slots:
    void aValidTraceIsClean() { QCOMPARE(violations(valid()), std::string()); }

    // The run-queue rules (issue 11): a task waits in one queue or slot at a time, is polled only by the worker
    // whose queue holds it, a steal or an overflow moves only a task in that local queue, a LIFO slot holds one
    // task, and a timer fires only inside a driver poll.
    void theQueueRulesHoldOnAValidQueuedTrace() { QCOMPARE(violations(queuedValid()), std::string()); }

    void aTaskPolledWithoutBeingQueued()
    {
        Trace t = queuedValid();
        t.events.erase(t.events.begin() + 4);  // t's LIFO placement
        QCOMPARE(violations(t), std::string("event 6: task 2 (t) polled without being in a run queue\n"));
    }

    void aTaskPolledByAnotherWorkerThanItsQueues()
    {
        Trace t = queuedValid();
        t.events[7].worker = t.events[8].worker = 1;  // worker 1 takes t from worker 0's LIFO slot
        QCOMPARE(violations(t), std::string("event 7: task 2 (t) polled on lane 1 but waiting in the LIFO slot of lane 0\n"));
    }

    void aTaskInTwoQueuesAtOnce()
    {
        Trace t = queuedValid();
        t.events.insert(t.events.begin() + 5, queued(2, 2, kNoLane, QueuePlace::Global));
        QCOMPARE(violations(t),
                 std::string("event 5: task 2 (t) queued in the global queue while already in the LIFO slot of lane 0\n"));
    }

    void aStealOfATaskNotInTheVictimsLocalQueue()
    {
        Trace t = queuedValid();
        t.events[7].worker = t.events[8].worker = 1;
        t.events.insert(t.events.begin() + 7, queued(4, 2, 1, QueuePlace::Stolen, 0));  // from a LIFO slot
        QCOMPARE(violations(t), std::string("event 7: task 2 (t) stolen from the local queue of lane 0 but waiting "
                                            "in the LIFO slot of lane 0\n"));
    }

    void twoTasksInOneLifoSlot()
    {
        Trace t = queuedValid();
        // main is put in the LIFO slot of worker 0 while t is still there (it never moved to the local queue).
        t.events.insert(t.events.begin() + 5, queued(2, 1, 0, QueuePlace::LifoSlot));
        const std::string v = violations(t);
        QVERIFY2(v.find("event 5: task 1 (main) put in the LIFO slot of lane 0 while task 2 (t) is still in it")
                     != std::string::npos, v.c_str());
    }

    void aTimerFiredOutsideADriverPoll()
    {
        Trace t = queuedValid();
        t.events.erase(t.events.begin() + 9);  // the driver poll
        QCOMPARE(violations(t), std::string("event 9: a timer fired on lane 1 outside a driver poll\n"));
    }

    void pollWithoutWakeAfterPending()
    {
        Trace t = valid();
        t.events.erase(t.events.begin() + 3);  // drop the wake
        QCOMPARE(violations(t), std::string("event 3: task 1 (main) polled again after Pending without a wake\n"));
    }

    void polledOnTwoWorkersAtOnce()
    {
        Trace t = valid();
        t.events.insert(t.events.begin() + 2, ev(1, EventKind::PollStart, 1, 1));
        QVERIFY(violations(t).find("event 2: task 1 (main) polled on lane 1 while already polled on lane 0")
                != std::string::npos);
    }

    void pollAfterCompletion()
    {
        Trace t = valid();
        t.events.push_back(ev(14, EventKind::PollStart, 1, 0));
        t.events.push_back(ev(15, EventKind::PollEnd, 1, 0, Ready));
        QVERIFY(violations(t).find("event 7: task 1 (main) polled after it ended") != std::string::npos);
    }

    void pollEndOnAnotherWorker()
    {
        Trace t = valid();
        t.events[2].worker = 1;
        QVERIFY(violations(t).find("event 2: task 1 (main) poll ends on lane 1 without a matching poll start there")
                != std::string::npos);
    }

    void pollThatNeverEnds()
    {
        Trace t = valid();
        t.events.erase(t.events.begin() + 5);  // the Ready poll end
        QVERIFY(violations(t).find("task 1 (main) poll on lane 1 never ended") != std::string::npos);
    }

    void timeRunningBackwards()
    {
        Trace t = valid();
        t.events[4].time = 5;
        QVERIFY(violations(t).find("event 4: time runs backwards: 5 ns after 10 ns") != std::string::npos);
    }

    void taskThatNeverEnds()
    {
        Trace t = valid();
        t.events.pop_back();
        QCOMPARE(violations(t), std::string("event 6: task 1 (main) never completed nor was cancelled\n"));
    }

    void taskThatEndsTwice()
    {
        Trace t = valid();
        t.events.push_back(ev(20, EventKind::TaskCancelled, 1, kNoLane));
        QCOMPARE(violations(t), std::string("event 7: task 1 (main) ended twice\n"));
    }

    void eventsBeforeSpawnAndUnknownTasks()
    {
        Trace t = valid();
        std::swap(t.events[0].kind, t.events[1].kind);  // poll start before spawn
        std::swap(t.events[0].worker, t.events[1].worker);
        QVERIFY(violations(t).find("event 0: task 1 (main) has a poll_start event before it was spawned")
                != std::string::npos);
        Trace u = valid();
        u.events.push_back(ev(20, EventKind::Print, 9, 0));
        QCOMPARE(violations(u), std::string("event 7: event refers to unknown task 9\n"));
    }

    // The shapes of the traces that once crashed the window or were drawn as if true (issue 9): each is refused.
    void aTimerEventWithoutItsTimer()
    {
        Trace t = valid();
        Event armed = ev(1, EventKind::TimerArmed, 1, kNoLane);
        armed.value = 10;
        t.events.insert(t.events.begin() + 1, armed);
        QCOMPARE(violations(t), std::string("event 1: a timer_armed event needs a resource, found none\n"));
        Trace u = valid();
        Event fired = ev(10, EventKind::TimerFired, 0, kNoLane);
        fired.resource = 7;
        u.events.insert(u.events.begin() + 3, fired);
        QCOMPARE(violations(u), std::string("event 3: a timer_fired event needs a resource, found resource 7\n"));
    }

    void pollsAndCpuWorkNeedALane()
    {
        Trace t = valid();
        t.events[1].worker = kNoLane;
        t.events[2].worker = kNoLane;
        QCOMPARE(violations(t), std::string("event 1: a poll_start event needs a lane, found none\n"
                                            "event 2: a poll_end event needs a lane, found none\n"));
        Trace u = valid();
        u.events[4].worker = 2;  // the trace has two lanes
        QVERIFY(violations(u).find("event 4: a poll_start event needs a lane, found lane 2\n") == 0);
    }

    void negativeCpuWork()
    {
        Trace t = valid();
        Event work = ev(1, EventKind::CpuWork, 1, 0);
        work.value = -5;
        t.events.insert(t.events.begin() + 2, work);
        QCOMPARE(violations(t), std::string("event 2: CPU work of negative length (-5 ns)\n"));
    }

    void nothingHappensToATaskAfterItEnded()
    {
        Trace t = valid();
        t.events.push_back(ev(20, EventKind::Print, 1, 0));
        t.events.push_back(ev(21, EventKind::Wake, 1, kNoLane, std::uint8_t(WakeOutcome::Scheduled)));
        t.events.push_back(ev(22, EventKind::Wake, 1, kNoLane, std::uint8_t(WakeOutcome::TaskFinished)));
        QCOMPARE(violations(t), std::string("event 7: task 1 (main) has a print event after it ended\n"
                                            "event 8: task 1 (main) has a wake event after it ended\n"));
    }

    void aTaskEventWithoutATask()
    {
        Trace t = valid();
        t.events.insert(t.events.begin() + 1, ev(0, EventKind::TaskSpawned, 0, kNoLane));
        QCOMPARE(violations(t), std::string("event 1: a spawned event needs a task, found none\n"));
    }

    void aWakeDuringThePollCounts()
    {
        // Woken while it was running (e.g. by its own yield): the next poll needs no further wake.
        Trace t = valid();
        Event during = ev(1, EventKind::Wake, 1, 0, std::uint8_t(WakeOutcome::WhileRunning), 1);
        t.events.erase(t.events.begin() + 3);
        t.events.insert(t.events.begin() + 2, during);
        QCOMPARE(violations(t), std::string());
    }
};

QTEST_GUILESS_MAIN(TstInvariantChecker)
#include "tst_invariant_checker.moc"
